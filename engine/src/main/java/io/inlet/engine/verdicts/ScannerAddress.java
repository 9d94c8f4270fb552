package io.inlet.engine.verdicts;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * Where a scanner daemon listens: {@code host:port}, {@code [v6]:port}, or a Unix socket given as
 * an absolute path or {@code unix:/path}. Both kinds are opened as a blocking {@link SocketChannel}
 * so one code path (and one {@link Deadline}) serves TCP and Unix sockets.
 */
public final class ScannerAddress {

    private final SocketAddress address;
    private final String text;

    private ScannerAddress(SocketAddress address, String text) {
        this.address = address;
        this.text = text;
    }

    /** @param defaultPort used when a host is given without a port */
    public static ScannerAddress parse(String text, int defaultPort) {
        String value = text.trim();
        if (value.startsWith("unix:")) {
            value = value.substring("unix:".length());
        }
        if (value.startsWith("/")) {
            return new ScannerAddress(UnixDomainSocketAddress.of(Path.of(value)), text);
        }
        String host = value;
        int port = defaultPort;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("bad scanner address: " + text);
            }
            host = value.substring(1, close);
            if (value.length() > close + 1) {
                if (value.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("bad scanner address: " + text);
                }
                port = port(value.substring(close + 2), text);
            }
        } else if (value.indexOf(':') >= 0 && value.indexOf(':') == value.lastIndexOf(':')) {
            // exactly one colon: host:port (a bare IPv6 address has several)
            host = value.substring(0, value.indexOf(':'));
            port = port(value.substring(value.indexOf(':') + 1), text);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("bad scanner address: " + text);
        }
        return new ScannerAddress(InetSocketAddress.createUnresolved(host, port), text);
    }

    /** Connects (blocking); the caller's {@link Deadline} bounds the connect too. */
    SocketChannel connect(Deadline deadline) throws IOException {
        SocketChannel channel;
        SocketAddress target = address;
        if (address instanceof UnixDomainSocketAddress) {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        } else {
            InetSocketAddress inet = (InetSocketAddress) address;
            // resolved per connection, so a daemon that moves is found again
            target = new InetSocketAddress(inet.getHostString(), inet.getPort());
            channel = SocketChannel.open();
        }
        deadline.guard(channel);
        try {
            channel.connect(target);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return text;
    }

    private static int port(String value, String text) {
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in scanner address: " + text, e);
        }
    }
}
