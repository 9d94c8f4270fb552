package io.inlet.engine.outbound;

import io.inlet.engine.verdicts.DnsSettings;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An authoritative UDP DNS responder on 127.0.0.1 for MX tests (copied down from the verdict
 * tests' responder, plus MX records). Names it has no records for answer NXDOMAIN, names with
 * records of other types answer NODATA, {@link #servfail} names answer SERVFAIL. TTL 0 everywhere.
 */
final class LoopbackDns implements AutoCloseable {

    private final DatagramSocket udp;
    private final Map<Name, List<Record>> zone = new ConcurrentHashMap<>();
    private final Set<Name> servfail = ConcurrentHashMap.newKeySet();

    private LoopbackDns(DatagramSocket udp) {
        this.udp = udp;
        Thread thread = new Thread(this::serve, "loopback-dns");
        thread.setDaemon(true);
        thread.start();
    }

    static LoopbackDns start() throws IOException {
        return new LoopbackDns(new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0)));
    }

    /** This responder only, short timeout, no retries: failure cases stay fast. */
    DnsSettings settings() {
        return new DnsSettings(List.of("127.0.0.1:" + udp.getLocalPort()), Duration.ofMillis(700), 0);
    }

    LoopbackDns mx(String domain, int preference, String host) {
        add(new MXRecord(name(domain), DClass.IN, 0, preference, name(host)));
        return this;
    }

    /** RFC 7505: "this domain accepts no mail". */
    LoopbackDns nullMx(String domain) {
        add(new MXRecord(name(domain), DClass.IN, 0, 0, Name.root));
        return this;
    }

    LoopbackDns a(String host, String ip) throws IOException {
        add(new ARecord(name(host), DClass.IN, 0, InetAddress.getByName(ip)));
        return this;
    }

    LoopbackDns servfail(String domain) {
        servfail.add(name(domain));
        return this;
    }

    @Override
    public void close() {
        udp.close();
    }

    private void add(Record record) {
        zone.computeIfAbsent(record.getName(), n -> new CopyOnWriteArrayList<>()).add(record);
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!udp.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                byte[] wire = respond(query).toWire(4096);
                udp.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (IOException e) {
                // closed, or a malformed packet: keep serving until closed
            }
        }
    }

    private Message respond(Message query) {
        Record question = query.getQuestion();
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        response.addRecord(question, Section.QUESTION);
        if (query.getOPT() != null) {
            response.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
        }
        if (servfail.contains(question.getName())) {
            response.getHeader().setRcode(Rcode.SERVFAIL);
            return response;
        }
        List<Record> records = zone.get(question.getName());
        if (records == null) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            return response;
        }
        for (Record record : records) {
            if (record.getType() == question.getType()) {
                response.addRecord(record, Section.ANSWER);
            }
        }
        return response;
    }

    private static Name name(String name) {
        try {
            return Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException(name, e);
        }
    }
}
