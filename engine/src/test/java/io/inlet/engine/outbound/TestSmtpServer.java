package io.inlet.engine.outbound;

import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A SubEtha SMTP server in-process on a loopback address that records every transaction exactly
 * (envelope and the bytes after dot-unstuffing, no added headers) and rejects chosen recipients
 * with chosen replies, changeable while it runs.
 */
final class TestSmtpServer implements AutoCloseable {

    /** One accepted message: the envelope as received and the data bytes. */
    record Transaction(String mailFrom, List<String> recipients, byte[] data, boolean tls) {
    }

    private final SMTPServer server;
    private final List<Transaction> transactions = new CopyOnWriteArrayList<>();
    private final Map<String, String> rejections = new ConcurrentHashMap<>();

    private TestSmtpServer(String bindAddress, int port, SSLContext tls) throws IOException {
        SMTPServer.Builder builder = SMTPServer.port(port)
                .bindAddress(InetAddress.getByName(bindAddress))
                .hostName("test-mx.inlet.test")
                .softwareName("test")
                .insertReceivedHeaders(false)
                .messageHandlerFactory(this::handler);
        if (tls != null) {
            builder.enableTLS().startTlsSocketFactory(tls);
        }
        server = builder.build();
        server.start();
    }

    static TestSmtpServer start(String bindAddress, int port) throws IOException {
        return new TestSmtpServer(bindAddress, port, null);
    }

    /** On an ephemeral port of 127.0.0.1. */
    static TestSmtpServer start() throws IOException {
        return start("127.0.0.1", 0);
    }

    static TestSmtpServer startTls(SSLContext tls) throws IOException {
        return new TestSmtpServer("127.0.0.1", 0, tls);
    }

    int port() {
        return server.getPortAllocated();
    }

    /** RCPT for {@code recipient} gets {@code reply} (e.g. {@code "550 5.1.1 no such user"}) until {@link #accept}. */
    TestSmtpServer reject(String recipient, String reply) {
        rejections.put(recipient.toLowerCase(), reply);
        return this;
    }

    TestSmtpServer accept(String recipient) {
        rejections.remove(recipient.toLowerCase());
        return this;
    }

    List<Transaction> transactions() {
        return List.copyOf(transactions);
    }

    /** Every recipient of every transaction. */
    List<String> delivered() {
        List<String> all = new ArrayList<>();
        transactions.forEach(t -> all.addAll(t.recipients()));
        return all;
    }

    @Override
    public void close() {
        server.stop();
    }

    private MessageHandler handler(MessageContext context) {
        return new MessageHandler() {
            private String from;
            private final List<String> recipients = new ArrayList<>();

            @Override
            public void from(String address) {
                from = address;
            }

            @Override
            public void recipient(String address) throws RejectException {
                String reply = rejections.get(address.toLowerCase());
                if (reply != null) {
                    throw new RejectException(Integer.parseInt(reply.substring(0, 3)), reply.substring(4));
                }
                recipients.add(address);
            }

            @Override
            public String data(InputStream data) throws IOException {
                transactions.add(new Transaction(from, List.copyOf(recipients), data.readAllBytes(),
                        context instanceof Session session && session.isTLSStarted()));
                return null;
            }

            @Override
            public void done() {
            }
        };
    }
}
