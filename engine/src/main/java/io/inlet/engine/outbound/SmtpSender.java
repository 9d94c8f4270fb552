package io.inlet.engine.outbound;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One SMTP transaction with Angus Mail's {@link SMTPTransport}: connect (STARTTLS, AUTH as the
 * target says), MAIL FROM, one RCPT per recipient, DATA with the queue file's bytes. With
 * {@code sendpartial} the transport goes on after a rejected RCPT and reports every rejected
 * address with its reply code, which is what gives per-recipient results.
 */
final class SmtpSender {

    /** What a transaction came to. */
    sealed interface Outcome permits Answered, Unreachable {
    }

    /** The server answered for every recipient (accepted, or rejected at RCPT, MAIL or DATA). */
    record Answered(List<RecipientResult> results) implements Outcome {
    }

    /**
     * No answer for the recipients: connection refused or lost, TLS or AUTH failed, greeting
     * refused. The next MX host may do better.
     */
    record Unreachable(String reason) implements Outcome {
    }

    private final OutboundSettings settings;
    private final ScheduledExecutorService writeTimeouts;

    SmtpSender(OutboundSettings settings, ScheduledExecutorService writeTimeouts) {
        this.settings = settings;
        this.writeTimeouts = writeTimeouts;
    }

    Outcome send(SmtpTarget target, String mailFrom, List<String> recipients, Path message) {
        boolean utf8 = !isAscii(mailFrom) || recipients.stream().anyMatch(r -> !isAscii(r));
        Session session = Session.getInstance(properties(target, utf8));
        SMTPTransport transport = new SMTPTransport(session, null);
        try {
            try {
                if (target.username().isEmpty()) {
                    transport.connect(target.connect(), target.port(), null, null);
                } else {
                    transport.connect(target.connect(), target.port(), target.username(), target.password());
                }
            } catch (MessagingException e) {
                return new Unreachable(describe(e, transport));
            }
            Address[] addresses = new Address[recipients.size()];
            for (int i = 0; i < addresses.length; i++) {
                InternetAddress address = new InternetAddress();
                address.setAddress(recipients.get(i)); // no parsing: the queue checked the syntax
                addresses[i] = address;
            }
            try {
                transport.sendMessage(new FileMessage(session, message, mailFrom), addresses);
                return answered(recipients, DeliveryOutcome.DELIVERED, transport.getLastServerResponse(), target);
            } catch (SendFailedException e) {
                return perRecipient(e, recipients, target);
            } catch (MessagingException e) {
                // the connection broke in the middle of the transaction: nothing was accepted
                return new Unreachable(describe(e, transport));
            }
        } finally {
            try {
                transport.close();
            } catch (MessagingException | RuntimeException ignored) {
                // QUIT failed: the transaction's outcome is already known
            }
        }
    }

    /**
     * Sorts out a failed or partly failed transaction: a rejected RCPT is in the exception chain
     * with its code; the valid-sent addresses were delivered; the rest share the top-level reply
     * (MAIL FROM or end of DATA refused).
     */
    private static Outcome perRecipient(SendFailedException e, List<String> recipients, SmtpTarget target) {
        Map<String, SMTPAddressFailedException> rejected = new HashMap<>();
        for (Exception next = e; next != null; next = next instanceof MessagingException m ? m.getNextException() : null) {
            if (next instanceof SMTPAddressFailedException failed) {
                rejected.putIfAbsent(failed.getAddress().getAddress(), failed);
            }
        }
        Set<String> sent = new HashSet<>();
        if (e.getValidSentAddresses() != null) {
            for (Address address : e.getValidSentAddresses()) {
                sent.add(((InternetAddress) address).getAddress());
            }
        }
        int code = topLevelCode(e);
        String reply = e.getMessage();
        List<RecipientResult> results = new ArrayList<>();
        for (String recipient : recipients) {
            SMTPAddressFailedException failed = rejected.get(recipient);
            if (failed != null) {
                results.add(RecipientResult.of(recipient, classify(failed.getReturnCode()), failed.getMessage(),
                        target.label()));
            } else if (sent.contains(recipient)) {
                // sendpartial: the message went to the accepted ones; the "." reply is the last one
                results.add(RecipientResult.of(recipient, DeliveryOutcome.DELIVERED,
                        code == 250 ? reply : "250 accepted", target.label()));
            } else {
                results.add(RecipientResult.of(recipient, classify(code),
                        code > 0 ? reply : "451 4.3.0 transaction failed: " + reply, target.label()));
            }
        }
        return new Answered(results);
    }

    private static int topLevelCode(SendFailedException e) {
        if (e instanceof SMTPSendFailedException s) {
            return s.getReturnCode();
        }
        if (e instanceof SMTPSenderFailedException s) {
            return s.getReturnCode();
        }
        return 0;
    }

    /** 5xx fails the recipient for good; 4xx and anything unexpected defers it. */
    static DeliveryOutcome classify(int code) {
        if (code >= 200 && code < 300) {
            return DeliveryOutcome.DELIVERED;
        }
        return code >= 500 && code < 600 ? DeliveryOutcome.FAILED : DeliveryOutcome.DEFERRED;
    }

    private static Answered answered(List<String> recipients, DeliveryOutcome outcome, String reply,
                                     SmtpTarget target) {
        return new Answered(recipients.stream()
                .map(r -> RecipientResult.of(r, outcome, reply, target.label())).toList());
    }

    /** The server's last reply when there was one, else the exception chain's innermost message. */
    private static String describe(MessagingException e, SMTPTransport transport) {
        String server = transport.getLastServerResponse();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String cause = root == e ? String.valueOf(e.getMessage())
                : e.getMessage() + ": " + root.getClass().getSimpleName() + ": " + root.getMessage();
        boolean serverRefused = server != null && Replies.code(server) >= 400;
        return serverRefused && !cause.contains(server.trim()) ? server + " (" + cause + ")" : cause;
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }

    private Properties properties(SmtpTarget target, boolean utf8) {
        Properties p = new Properties();
        p.put("mail.smtp.localhost", settings.heloName());
        p.put("mail.smtp.connectiontimeout", String.valueOf(settings.connectTimeout().toMillis()));
        p.put("mail.smtp.timeout", String.valueOf(settings.commandTimeout().toMillis()));
        p.put("mail.smtp.writetimeout", String.valueOf(settings.commandTimeout().toMillis()));
        // one shared timer for write timeouts instead of a thread per connection
        p.put("mail.smtp.executor.writetimeout", writeTimeouts);
        p.put("mail.smtp.sendpartial", "true");
        p.put("mail.smtp.quitwait", "false");
        p.put("mail.smtp.allow8bitmime", "false"); // never convert the body: the bytes go out as queued
        // MAIL FROM gets SMTPUTF8 (when the server offers it) only where an address needs it
        p.put("mail.mime.allowutf8", String.valueOf(utf8));
        p.put("mail.smtp.starttls.enable", String.valueOf(target.starttls() != StartTlsPolicy.OFF));
        p.put("mail.smtp.starttls.required", String.valueOf(target.starttls() == StartTlsPolicy.REQUIRED));
        if (target.verify()) {
            p.put("mail.smtp.ssl.checkserveridentity", "true");
        } else {
            p.put("mail.smtp.ssl.trust", "*");
            p.put("mail.smtp.ssl.checkserveridentity", "false");
        }
        p.put("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2");
        if (!target.username().isEmpty()) {
            p.put("mail.smtp.auth", "true");
            p.put("mail.smtp.auth.mechanisms", "PLAIN LOGIN");
        }
        return p;
    }
}
