package io.inlet.deploy.e2e;

import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.server.SMTPServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The relay the daemon's outbound queue delivers to: a SubEtha SMTP server on 127.0.0.1 that
 * records each transaction's envelope and bytes. (GreenMail 2.1.13 refuses every RCPT after
 * {@code MAIL FROM:<>}, so it cannot receive DSNs.)
 */
final class RelaySink implements AutoCloseable {

    record Received(String mailFrom, List<String> recipients, String text) {
    }

    private final SMTPServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Recipients refused at RCPT with {@code 550 5.1.1}. */
    private final java.util.Set<String> rejected = java.util.concurrent.ConcurrentHashMap.newKeySet();

    RelaySink() throws IOException {
        server = SMTPServer.port(0).bindAddress(InetAddress.getLoopbackAddress()).hostName("relay.inlet.test")
                .insertReceivedHeaders(false).messageHandlerFactory(this::handler).build();
        server.start();
    }

    int port() {
        return server.getPortAllocated();
    }

    /** {@code more} plus the daemon settings that send its outbound mail here, without STARTTLS. */
    Map<String, String> settings(Map<String, String> more) {
        Map<String, String> keys = new HashMap<>(more);
        keys.put("outbound.relay-host", "127.0.0.1");
        keys.put("outbound.relay-port", String.valueOf(port()));
        keys.put("outbound.relay-starttls", "off");
        return keys;
    }

    /** Refuses {@code address} at RCPT with {@code 550 5.1.1 no such user} from now on. */
    RelaySink reject(String address) {
        rejected.add(address);
        return this;
    }

    List<Received> received() {
        return List.copyOf(received);
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
            public void recipient(String address) throws org.subethamail.smtp.RejectException {
                if (rejected.contains(address)) {
                    throw new org.subethamail.smtp.RejectException(550, "5.1.1 no such user");
                }
                recipients.add(address);
            }

            @Override
            public String data(InputStream data) throws IOException {
                received.add(new Received(from, List.copyOf(recipients),
                        new String(data.readAllBytes(), StandardCharsets.UTF_8)));
                return null;
            }

            @Override
            public void done() {
            }
        };
    }
}
