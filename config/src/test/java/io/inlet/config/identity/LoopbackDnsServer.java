package io.inlet.config.identity;

import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
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
 * A tiny authoritative UDP DNS responder on 127.0.0.1 (ephemeral port): TXT, MX and CNAME answers
 * for the names it was given, NXDOMAIN for anything else; or SERVFAIL / silence to simulate
 * failures. Like an authoritative server, it answers a CNAME'd name with the CNAME alone (the
 * client follows it); a TXT value longer than 255 bytes goes out as several strings.
 */
final class LoopbackDnsServer implements AutoCloseable {
    enum Failure { NONE, SERVFAIL, DROP }

    private final DatagramSocket socket;
    private final Map<String, List<Record>> records = new ConcurrentHashMap<>();
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
        List<String> pieces = new java.util.ArrayList<>();
        for (int i = 0; i < value.length(); i += 255) {
            pieces.add(value.substring(i, Math.min(value.length(), i + 255)));
        }
        add(new TXTRecord(name(name), DClass.IN, 60, pieces));
    }

    void addMx(String name, int priority, String host) {
        add(new MXRecord(name(name), DClass.IN, 60, priority, name(host)));
    }

    void addCname(String name, String target) {
        add(new CNAMERecord(name(name), DClass.IN, 60, name(target)));
    }

    /** Removes every record at {@code name}. */
    void remove(String name) {
        records.remove(key(name));
    }

    private void add(Record record) {
        records.computeIfAbsent(key(record.getName().toString()), k -> new CopyOnWriteArrayList<>()).add(record);
    }

    private static Name name(String name) {
        try {
            return Name.fromString(key(name));
        } catch (TextParseException e) {
            throw new IllegalArgumentException(e);
        }
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
        List<Record> values = records.get(key(question.getName().toString()));
        if (failure == Failure.SERVFAIL) {
            response.getHeader().setRcode(Rcode.SERVFAIL);
        } else if (values == null) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        } else {
            for (Record record : values) {
                if (record.getType() == question.getType() || record.getType() == Type.CNAME) {
                    response.addRecord(record, Section.ANSWER);
                }
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
