package io.inlet.engine.verdicts;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A hand-made scanner daemon for protocol details and failure paths a real daemon will not show
 * on demand (silence, garbage, error codes). Each connection runs {@code handler} on its own
 * thread; what the client sent is kept for assertions.
 */
final class FakeScannerServer implements AutoCloseable {

    interface Handler {
        /** @return the bytes the client sent (as the handler understood them), for assertions */
        byte[] handle(InputStream in, OutputStream out) throws IOException;
    }

    private final AutoCloseable server;
    private final String address;
    final List<byte[]> received = new CopyOnWriteArrayList<>();

    private FakeScannerServer(AutoCloseable server, String address) {
        this.server = server;
        this.address = address;
    }

    static FakeScannerServer tcp(Handler handler) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress("127.0.0.1", 0));
        FakeScannerServer fake = new FakeScannerServer(socket, "127.0.0.1:" + socket.getLocalPort());
        fake.acceptLoop(() -> {
            Socket client = socket.accept();
            return new Connection(client.getInputStream(), client.getOutputStream(), client);
        }, handler);
        return fake;
    }

    static FakeScannerServer unix(Path path, Handler handler) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        channel.bind(UnixDomainSocketAddress.of(path));
        FakeScannerServer fake = new FakeScannerServer(channel, path.toString());
        fake.acceptLoop(() -> {
            SocketChannel client = channel.accept();
            return new Connection(Channels.newInputStream(client), Channels.newOutputStream(client), client);
        }, handler);
        return fake;
    }

    String address() {
        return address;
    }

    @Override
    public void close() throws Exception {
        server.close();
    }

    private record Connection(InputStream in, OutputStream out, AutoCloseable closer) {
    }

    private interface Acceptor {
        Connection accept() throws IOException;
    }

    private void acceptLoop(Acceptor acceptor, Handler handler) {
        Thread thread = new Thread(() -> {
            while (true) {
                Connection connection;
                try {
                    connection = acceptor.accept();
                } catch (IOException e) {
                    return; // closed
                }
                Thread worker = new Thread(() -> {
                    try (AutoCloseable ignored = connection.closer()) {
                        received.add(handler.handle(connection.in(), connection.out()));
                    } catch (Exception e) {
                        // the client went away; nothing to report
                    }
                }, "fake-scanner-connection");
                worker.setDaemon(true);
                worker.start();
            }
        }, "fake-scanner-accept");
        thread.setDaemon(true);
        thread.start();
    }

    // ---- protocol pieces for handlers ----

    /** Reads a SPAMC request: header lines, blank line, then exactly Content-length bytes. */
    static byte[] readSpamcRequest(InputStream in) throws IOException {
        StringBuilder headers = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            headers.append((char) b);
            if (headers.toString().endsWith("\r\n\r\n")) {
                break;
            }
        }
        int length = 0;
        for (String line : headers.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        if (!headers.toString().startsWith("CHECK SPAMC/1.5\r\n")) {
            throw new IOException("unexpected request: " + headers);
        }
        return new DataInputStream(in).readNBytes(length);
    }

    /** Reads a clamd zINSTREAM request and returns the reassembled stream. */
    static byte[] readInstream(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] command = data.readNBytes(10);
        if (!"zINSTREAM\0".equals(new String(command, StandardCharsets.US_ASCII))) {
            throw new IOException("unexpected command: " + new String(command, StandardCharsets.US_ASCII));
        }
        java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
        while (true) {
            int length = data.readInt();
            if (length == 0) {
                return stream.toByteArray();
            }
            stream.write(data.readNBytes(length));
        }
    }

    static void write(OutputStream out, String reply) throws IOException {
        out.write(reply.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Blocks a handler until the test lets it go (the latch is counted down in a finally). */
    static void await(java.util.concurrent.CountDownLatch latch) throws IOException {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
