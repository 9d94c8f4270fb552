package io.inlet.actions.workmail;

import io.inlet.rules.spi.MessageContent;
import io.inlet.rules.spi.PermanentFailureException;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A one-message LMTP (RFC 2033) or SMTP client: greeting, LHLO/EHLO, MAIL FROM, one RCPT TO per
 * recipient, DATA with the message streamed and dot-stuffed, then, for LMTP, one reply per
 * accepted recipient, for SMTP one reply for all. Neither Angus Mail's SMTPTransport (no LHLO, a
 * single DATA reply, wants a jakarta.mail Message) nor SubEtha's SmartClient (EHLO/HELO only,
 * dataEnd reads one reply) speaks LMTP, so this is Inlet's own, kept to what delivery needs:
 * no pipelining, no AUTH, no TLS.
 */
final class MailTransferClient implements MailboxTransport {

    private final MailboxServer server;
    private final String heloName;
    private final Duration timeout;

    MailTransferClient(MailboxServer server, String heloName, Duration timeout) {
        if (server.protocol() == MailboxServer.Protocol.MAILDIR) {
            throw new IllegalArgumentException("not a network mailbox server: " + server);
        }
        this.server = server;
        this.heloName = heloName;
        this.timeout = timeout;
    }

    /** The server refused the whole transaction with this reply. */
    private static final class Refused extends Exception {
        final Reply reply;

        Refused(Reply reply) {
            super(reply.toString(), null, false, false);
            this.reply = reply;
        }
    }

    @Override
    public Map<String, Reply> deliver(String mailFrom, List<String> recipients, MessageContent message) throws IOException {
        checkAddress(mailFrom);
        recipients.forEach(MailTransferClient::checkAddress);
        Map<String, Reply> replies = new LinkedHashMap<>();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.host(), server.port()), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            Session session = new Session(new BufferedInputStream(socket.getInputStream()),
                    new BufferedOutputStream(socket.getOutputStream()));
            try {
                session.transaction(mailFrom, recipients, message, replies);
                session.quit();
            } catch (Refused e) {
                recipients.forEach(r -> replies.putIfAbsent(r, e.reply));
                session.quit();
            }
        } catch (IOException e) {
            if (replies.isEmpty()) {
                throw new IOException(server + ": " + e.getMessage(), e);
            }
            // Replies already read stand (those recipients got the message); the rest are unknown.
            Reply lost = new Reply(451, "4.4.2 connection to " + server + " lost: " + e.getMessage());
            recipients.forEach(r -> replies.putIfAbsent(r, lost));
        }
        Map<String, Reply> ordered = new LinkedHashMap<>();
        recipients.forEach(r -> ordered.put(r, replies.get(r)));
        return ordered;
    }

    /** Commands and replies on one connection. */
    private final class Session {
        private final ReplyReader replies;
        private final OutputStream out;

        Session(InputStream in, OutputStream out) {
            this.replies = new ReplyReader(in);
            this.out = out;
        }

        void transaction(String mailFrom, List<String> recipients, MessageContent message, Map<String, Reply> result)
                throws IOException, Refused {
            expect(replies.read(), 2);
            Reply hello = command((lmtp() ? "LHLO " : "EHLO ") + heloName);
            if (!hello.isPositive() && !lmtp()) {
                hello = command("HELO " + heloName); // a server without ESMTP
            }
            expect(hello, 2);
            // Declaring 8BITMIME keeps a server that knows it from mangling 8-bit content.
            String body = hello.text().toUpperCase(java.util.Locale.ROOT).contains("8BITMIME") ? " BODY=8BITMIME" : "";
            expect(command("MAIL FROM:<" + mailFrom + ">" + body), 2);
            List<String> accepted = new ArrayList<>();
            for (String recipient : recipients) {
                Reply reply = command("RCPT TO:<" + recipient + ">");
                if (reply.isPositive()) {
                    accepted.add(recipient);
                } else {
                    result.put(recipient, reply);
                }
            }
            if (accepted.isEmpty()) {
                return;
            }
            expect(command("DATA"), 3);
            DotStuffingOutputStream data = new DotStuffingOutputStream(out);
            try (InputStream in = message.open()) {
                in.transferTo(data);
            }
            data.finish();
            if (lmtp()) {
                // RFC 2033 §4.2: one reply per accepted recipient, in RCPT order.
                for (String recipient : accepted) {
                    result.put(recipient, replies.read());
                }
            } else {
                Reply reply = replies.read();
                accepted.forEach(r -> result.put(r, reply));
            }
        }

        /** Best effort: the outcome is known, a server that hangs up early changes nothing. */
        void quit() {
            try {
                command("QUIT");
            } catch (IOException e) {
                // ignored, see above
            }
        }

        private Reply command(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return replies.read();
        }

        private void expect(Reply reply, int firstDigit) throws Refused {
            if (reply.code() / 100 != firstDigit) {
                throw new Refused(reply);
            }
        }
    }

    private boolean lmtp() {
        return server.protocol() == MailboxServer.Protocol.LMTP;
    }

    /** An address goes into a command line as is: it must not be able to end the line. */
    private static void checkAddress(String address) {
        if (address.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0 || c == '<' || c == '>')) {
            // retrying cannot change the address
            throw new PermanentFailureException("address cannot be sent in an SMTP command: " + address.replaceAll("[\\r\\n]", "?"));
        }
    }
}
