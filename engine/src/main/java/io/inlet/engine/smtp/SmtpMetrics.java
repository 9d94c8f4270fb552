package io.inlet.engine.smtp;

import io.inlet.engine.snapshot.RecipientDecision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The listener's meters ({@code inlet.smtp.*}), registered once per listener so the session
 * threads only increment. Every tag has a fixed set of values: no address, IP or message ID.
 *
 * <ul>
 *   <li>{@code inlet.smtp.connections} — TCP connections the listener accepted (refused ones included);</li>
 *   <li>{@code inlet.smtp.connections.open} — sessions open now (greeted, not ended);</li>
 *   <li>{@code inlet.smtp.connections.refused{reason=limit|shutdown}} — sessions refused with a 421
 *       before the greeting: a connection limit (per IP or global), or shutdown under way;</li>
 *   <li>{@code inlet.smtp.recipients{result=accepted|refused, reason}} — RCPT answers; the
 *       refusal reasons are {@code filter} (a receipt IP filter, 5.7.1 blacklisted), {@code tls_policy}
 *       (5.7.1 TLS required), {@code no_rule} (5.1.1) and {@code too_many_recipients} (4.5.3);
 *       accepted ones carry {@code reason=none};</li>
 *   <li>{@code inlet.smtp.messages{result=accepted|refused, reason}} — transactions that ended
 *       with a 250 ({@code reason=none}) or a refusal: {@code spool_full}, {@code size},
 *       {@code bare_line_break}, {@code local_error};</li>
 *   <li>{@code inlet.smtp.accepted.bytes} — bytes of the accepted messages (as stored).</li>
 * </ul>
 */
final class SmtpMetrics {

    static final String CONNECTIONS = "inlet.smtp.connections";
    static final String CONNECTIONS_OPEN = "inlet.smtp.connections.open";
    static final String CONNECTIONS_REFUSED = "inlet.smtp.connections.refused";
    static final String RECIPIENTS = "inlet.smtp.recipients";
    static final String MESSAGES = "inlet.smtp.messages";
    static final String ACCEPTED_BYTES = "inlet.smtp.accepted.bytes";

    /** Why a message (a mail transaction) was refused. */
    enum MessageRefusal {
        SPOOL_FULL("spool_full"), SIZE("size"), BARE_LINE_BREAK("bare_line_break"), LOCAL_ERROR("local_error");

        final String tag;

        MessageRefusal(String tag) {
            this.tag = tag;
        }
    }

    /** SubEtha's own reply beyond {@code smtp.max-connections}; it has no hook, so the greeting tells. */
    static final String SUBETHA_TOO_MANY_CONNECTIONS = "421 Too many connections, try again later";

    private final Counter connections;
    private final AtomicInteger open = new AtomicInteger();
    private final Counter refusedLimit;
    private final Counter refusedShutdown;
    private final Counter recipientsAccepted;
    private final Map<RecipientDecision.Rejected, Counter> recipientsRefused = new EnumMap<>(RecipientDecision.Rejected.class);
    private final Counter recipientsTooMany;
    private final Counter messagesAccepted;
    private final Map<MessageRefusal, Counter> messagesRefused = new EnumMap<>(MessageRefusal.class);
    private final Counter acceptedBytes;

    SmtpMetrics(MeterRegistry registry) {
        connections = Counter.builder(CONNECTIONS).description("SMTP connections accepted by the listener")
                .register(registry);
        Gauge.builder(CONNECTIONS_OPEN, open, AtomicInteger::get).description("SMTP sessions open now")
                .strongReference(true).register(registry);
        refusedLimit = refused(registry, "limit");
        refusedShutdown = refused(registry, "shutdown");
        recipientsAccepted = recipients(registry, "accepted", "none");
        for (RecipientDecision.Rejected rejected : RecipientDecision.Rejected.values()) {
            recipientsRefused.put(rejected, recipients(registry, "refused", reason(rejected)));
        }
        recipientsTooMany = recipients(registry, "refused", "too_many_recipients");
        messagesAccepted = messages(registry, "accepted", "none");
        for (MessageRefusal refusal : MessageRefusal.values()) {
            messagesRefused.put(refusal, messages(registry, "refused", refusal.tag));
        }
        acceptedBytes = Counter.builder(ACCEPTED_BYTES).baseUnit("bytes")
                .description("Bytes of the messages accepted (250 after the spool commit)").register(registry);
    }

    private static Counter refused(MeterRegistry registry, String reason) {
        return Counter.builder(CONNECTIONS_REFUSED).tag("reason", reason)
                .description("SMTP sessions refused with 421 before the greeting").register(registry);
    }

    private static Counter recipients(MeterRegistry registry, String result, String reason) {
        return Counter.builder(RECIPIENTS).tag("result", result).tag("reason", reason)
                .description("RCPT TO answers by result and refusal reason").register(registry);
    }

    private static Counter messages(MeterRegistry registry, String result, String reason) {
        return Counter.builder(MESSAGES).tag("result", result).tag("reason", reason)
                .description("Mail transactions accepted (250) or refused, by refusal reason").register(registry);
    }

    static String reason(RecipientDecision.Rejected rejected) {
        return switch (rejected) {
            case BLOCKED_BY_FILTER -> "filter";
            case TLS_REQUIRED -> "tls_policy";
            case NO_RULE -> "no_rule";
        };
    }

    void connected() {
        connections.increment();
    }

    void sessionOpened() {
        open.incrementAndGet();
    }

    void sessionEnded() {
        open.decrementAndGet();
    }

    void refusedByLimit() {
        refusedLimit.increment();
    }

    void refusedByShutdown() {
        refusedShutdown.increment();
    }

    /** The first line a connection was sent (see {@link GreetingServerSocket}). */
    void firstLine(String line) {
        if (SUBETHA_TOO_MANY_CONNECTIONS.equals(line)) {
            refusedLimit.increment();
        }
    }

    void recipientAccepted() {
        recipientsAccepted.increment();
    }

    void recipientRefused(RecipientDecision.Rejected rejected) {
        recipientsRefused.get(rejected).increment();
    }

    void tooManyRecipients() {
        recipientsTooMany.increment();
    }

    void messageAccepted(long bytes) {
        messagesAccepted.increment();
        acceptedBytes.increment(bytes);
    }

    void messageRefused(MessageRefusal refusal) {
        messagesRefused.get(refusal).increment();
    }
}
