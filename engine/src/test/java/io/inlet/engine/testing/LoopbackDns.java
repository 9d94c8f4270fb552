package io.inlet.engine.testing;

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
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An authoritative DNS responder on 127.0.0.1 (UDP and TCP on one ephemeral port) built from
 * dnsjava's message classes, shared by the verdict (TXT) and outbound (MX) tests. Names it has no
 * records for answer NXDOMAIN, names with records of other types answer NODATA; names can be made
 * to answer SERVFAIL or nothing at all. Every record has TTL 0, so dnsjava's process-wide lookup
 * cache never carries an answer from one test to the next.
 */
public final class LoopbackDns implements AutoCloseable {

    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final Map<Name, List<Record>> zone = new ConcurrentHashMap<>();
    private final Set<Name> servfail = ConcurrentHashMap.newKeySet();
    private final Set<Name> silent = ConcurrentHashMap.newKeySet();
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final AtomicInteger tcpQueries = new AtomicInteger();
    private volatile int udpLimit;

    private LoopbackDns(DatagramSocket udp, ServerSocket tcp) {
        this.udp = udp;
        this.tcp = tcp;
        daemon("loopback-dns-udp", this::serveUdp).start();
        daemon("loopback-dns-tcp", this::serveTcp).start();
    }

    public static LoopbackDns start() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        for (int attempt = 0; ; attempt++) {
            DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, 0));
            try {
                ServerSocket tcp = new ServerSocket();
                tcp.bind(new InetSocketAddress(loopback, udp.getLocalPort()));
                return new LoopbackDns(udp, tcp);
            } catch (BindException e) {
                // the TCP side of this port is taken; try another port
                udp.close();
                if (attempt > 20) {
                    throw e;
                }
            }
        }
    }

    /** Servers = this responder; short timeouts so failure cases stay fast. */
    public DnsSettings settings() {
        return new DnsSettings(List.of("127.0.0.1:" + udp.getLocalPort()), Duration.ofMillis(700), 0);
    }

    public LoopbackDns txt(String name, String... texts) {
        for (String text : texts) {
            add(new TXTRecord(name(name), DClass.IN, 0, split(text)));
        }
        return this;
    }

    public LoopbackDns a(String name, String ip) throws IOException {
        add(new ARecord(name(name), DClass.IN, 0, InetAddress.getByName(ip)));
        return this;
    }

    public LoopbackDns mx(String domain, int preference, String host) {
        add(new MXRecord(name(domain), DClass.IN, 0, preference, name(host)));
        return this;
    }

    /** RFC 7505: "this domain accepts no mail". */
    public LoopbackDns nullMx(String domain) {
        add(new MXRecord(name(domain), DClass.IN, 0, 0, Name.root));
        return this;
    }

    public LoopbackDns servfail(String name) {
        servfail.add(name(name));
        return this;
    }

    /** Queries for this name are dropped, so the client times out. */
    public LoopbackDns silent(String name) {
        silent.add(name(name));
        return this;
    }

    /** Caps UDP answers (e.g. 512) regardless of the client's EDNS size, forcing TC and a TCP retry. */
    public LoopbackDns udpLimit(int bytes) {
        udpLimit = bytes;
        return this;
    }

    public int tcpQueries() {
        return tcpQueries.get();
    }

    /** Every question received, as {@code name/TYPE}. */
    public List<String> queries() {
        return List.copyOf(queries);
    }

    @Override
    public void close() throws IOException {
        udp.close();
        tcp.close();
    }

    private void add(Record record) {
        zone.computeIfAbsent(record.getName(), n -> new CopyOnWriteArrayList<>()).add(record);
    }

    private void serveUdp() {
        byte[] buffer = new byte[4096];
        while (!udp.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                Message response = respond(query);
                if (response == null) {
                    continue;
                }
                OPTRecord opt = query.getOPT();
                int max = opt == null ? 512 : Math.max(512, opt.getPayloadSize());
                if (udpLimit > 0) {
                    max = Math.min(max, udpLimit);
                }
                byte[] wire = response.toWire(max);
                udp.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (IOException e) {
                // closed, or a malformed packet: keep serving until closed
            }
        }
    }

    private void serveTcp() {
        while (!tcp.isClosed()) {
            try (Socket socket = tcp.accept();
                 DataInputStream in = new DataInputStream(socket.getInputStream());
                 DataOutputStream out = new DataOutputStream(socket.getOutputStream())) {
                while (true) {
                    byte[] wire = new byte[in.readUnsignedShort()];
                    in.readFully(wire);
                    tcpQueries.incrementAndGet();
                    Message response = respond(new Message(wire));
                    if (response == null) {
                        break;
                    }
                    byte[] answer = response.toWire();
                    out.writeShort(answer.length);
                    out.write(answer);
                    out.flush();
                }
            } catch (IOException e) {
                // client closed the connection, or the responder was closed
            }
        }
    }

    /** null = stay silent. */
    private Message respond(Message query) {
        Record question = query.getQuestion();
        Name name = question.getName();
        queries.add(name + "/" + org.xbill.DNS.Type.string(question.getType()));
        if (silent.contains(name)) {
            return null;
        }
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
        if (servfail.contains(name)) {
            response.getHeader().setRcode(Rcode.SERVFAIL);
            return response;
        }
        List<Record> records = zone.get(name);
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

    /** A TXT character-string holds at most 255 bytes; longer texts become several strings. */
    private static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < text.length(); i += 255) {
            parts.add(text.substring(i, Math.min(text.length(), i + 255)));
        }
        return parts.isEmpty() ? List.of("") : parts;
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }
}
