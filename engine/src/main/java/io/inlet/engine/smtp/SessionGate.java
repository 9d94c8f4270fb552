package io.inlet.engine.smtp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

import java.net.InetAddress;

/**
 * SubEtha's hook around each session: runs after the PROXY header was read and before the
 * greeting. Refuses new sessions once shutdown has begun, enforces the per-IP connection limit,
 * arms the {@link SessionDeadline} and registers the session with the {@link SessionDrain}.
 * SubEtha calls {@link #onSessionEnd} for every accepted session, however it ends.
 *
 * <p>The receipt IP filters are not applied here: SES answers them per recipient at RCPT time
 * (SES-RECEIVING.md Part 1), because each tenant's filters only guard that tenant's recipients.
 */
final class SessionGate implements SessionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SessionGate.class);

    private final PerIpLimiter perIp;
    private final SessionDeadline deadline;
    private final SessionDrain drain;
    private final SmtpMetrics metrics;

    SessionGate(PerIpLimiter perIp, SessionDeadline deadline, SessionDrain drain, SmtpMetrics metrics) {
        this.perIp = perIp;
        this.deadline = deadline;
        this.drain = drain;
        this.metrics = metrics;
    }

    @Override
    public SessionAcceptance accept(Session session) {
        InetAddress client = ClientAddress.of(session);
        if (!perIp.tryAcquire(client)) {
            LOG.debug("refusing a connection from {}: per-IP limit reached", client.getHostAddress());
            metrics.refusedByLimit();
            SmtpReply refusal = SmtpReply.TOO_MANY_FROM_IP;
            return SessionAcceptance.failure(refusal.code(), refusal.message());
        }
        if (!drain.admit(session)) {
            perIp.release(client); // SubEtha calls onSessionEnd only for accepted sessions
            LOG.debug("refusing a connection from {}: shutting down", client.getHostAddress());
            metrics.refusedByShutdown();
            SmtpReply refusal = drain.reply();
            return SessionAcceptance.failure(refusal.code(), refusal.message());
        }
        deadline.arm(session);
        metrics.sessionOpened();
        return SessionAcceptance.success();
    }

    @Override
    public void onSessionEnd(Session session) {
        deadline.disarm(session);
        perIp.release(ClientAddress.of(session));
        drain.forget(session);
        metrics.sessionEnded();
    }

    /** The session got a message accepted: its deadline starts again. */
    void progress(Session session) {
        deadline.rearm(session);
    }

    SmtpMetrics metrics() {
        return metrics;
    }
}
