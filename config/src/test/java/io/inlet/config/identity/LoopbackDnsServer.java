package io.inlet.config.identity;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny authoritative UDP DNS responder on 127.0.0.1 (ephemeral port): TXT answers for the
 * names it was given, NXDOMAIN for anything else; or SERVFAIL / silence to simulate failures.
 */
final class LoopbackDnsServer implements AutoCloseable {
    enum Failure { NONE, SERVFAIL, DROP }

    private final DatagramSocket socket;
    private final Map<String, List<String>> txt = new ConcurrentHashMap<>();
    private final Thread thread;
    private final AtomicInteger queries = new AtomicInteger();
    private volatile Failure failure = Failure.NONE;

    LoopbackDnsServer() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(this::serve, "loopback-dns");
        thread.setDaemon(true);
        thread.start();
    }

    void addTxt(String name, String value) {
        txt.computeIfAbsent(key(name), k -> new CopyOnWriteArrayList<>()).add(value);
    }

    void fail(Failure mode) {
        failure = mode;
    }

    int queries() {
        return queries.get();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    SimpleResolver resolver(Duration timeout) {
        SimpleResolver resolver = new SimpleResolver(address());
        resolver.setTimeout(timeout);
        return resolver;
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                queries.incrementAndGet();
                if (failure == Failure.DROP) {
                    continue;
                }
                byte[] answer = answer(new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength())));
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException e) {
                // closed, or a malformed query: keep serving until closed
            }
        }
    }

    private byte[] answer(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        Record question = query.getQuestion();
        response.addRecord(question, Section.QUESTION);
        List<String> values = txt.get(key(question.getName().toString()));
        if (failure == Failure.SERVFAIL) {
            response.getHeader().setRcode(Rcode.SERVFAIL);
        } else if (values == null) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        } else if (question.getType() == Type.TXT) {
            for (String value : values) {
                response.addRecord(new TXTRecord(question.getName(), DClass.IN, 60, value), Section.ANSWER);
            }
        }
        return response.toWire();
    }

    private static String key(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n : n + ".";
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(2000);
    }
}
