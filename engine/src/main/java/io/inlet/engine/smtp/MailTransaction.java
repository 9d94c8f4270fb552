package io.inlet.engine.smtp;

import io.inlet.engine.message.AcceptedMessage;
import io.inlet.engine.message.Envelope;
import io.inlet.engine.snapshot.CompiledSnapshot;
import io.inlet.engine.snapshot.RecipientDecision;
import io.inlet.engine.spool.Spool;
import io.inlet.engine.spool.SpoolException;
import io.inlet.engine.spool.SpoolUsage;
import io.inlet.engine.spool.SpoolWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.Session;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One mail transaction, MAIL to the end of DATA (SubEtha creates one per MAIL and calls
 * {@link #done()} when it ends, however it ends). It decides with the configuration snapshot
 * current at MAIL, so a configuration change never alters a transaction in flight, and it answers
 * 250 only after the spool committed the message durably.
 */
final class MailTransaction implements MessageHandler {

    private static final Logger LOG = LoggerFactory.getLogger(MailTransaction.class);

    private final Session session;
    private final CompiledSnapshot snapshot;
    private final Spool spool;
    private final SmtpSettings settings;
    private final Clock clock;
    private final SessionGate gate;
    private final InetAddress client;

    private String mailFrom;
    private final List<TenantPlans.AcceptedRecipient> recipients = new ArrayList<>();
    private final Set<String> recipientKeys = new HashSet<>();
    private SpoolWriter writer;

    MailTransaction(Session session, CompiledSnapshot snapshot, Spool spool, SmtpSettings settings,
                    Clock clock, SessionGate gate) {
        this.session = session;
        this.snapshot = snapshot;
        this.spool = spool;
        this.settings = settings;
        this.clock = clock;
        this.gate = gate;
        this.client = ClientAddress.of(session);
    }

    /** MAIL FROM; "" is the null sender. Refuses early when the spool is already full (RFC 1870 §6.1: 452). */
    @Override
    public void from(String address) throws RejectException {
        mailFrom = address;
        SpoolUsage usage;
        try {
            usage = spool.usage();
        } catch (RuntimeException e) {
            LOG.warn("cannot read the spool usage", e);
            gate.metrics().messageRefused(SmtpMetrics.MessageRefusal.LOCAL_ERROR);
            throw SmtpReply.LOCAL_PROBLEM.reject();
        }
        long declared = Math.max(0, session.getDeclaredMessageSize());
        boolean noRoom = usage.queuedMessages() + usage.deadMessages() >= usage.maxMessages()
                || usage.bytes() + declared > usage.maxBytes();
        if (noRoom) {
            LOG.debug("refusing MAIL from {}: spool full ({})", client.getHostAddress(), usage);
            gate.metrics().messageRefused(SmtpMetrics.MessageRefusal.SPOOL_FULL);
            throw SmtpReply.STORAGE_FULL.reject();
        }
    }

    @Override
    public void recipient(String address) throws RejectException {
        String key = address.toLowerCase(Locale.ROOT);
        if (recipientKeys.contains(key)) {
            gate.metrics().recipientAccepted();
            return; // a repeated RCPT: accepted again, but the message goes to it once
        }
        if (recipients.size() >= settings.maxRecipients()) {
            gate.metrics().tooManyRecipients();
            throw SmtpReply.TOO_MANY_RECIPIENTS.reject();
        }
        RecipientDecision decision = snapshot.decide(client, address, session.isTLSStarted());
        if (decision instanceof RecipientDecision.Rejected rejected) {
            LOG.debug("refused RCPT {} from {}: {}", address, client.getHostAddress(), rejected.reply());
            gate.metrics().recipientRefused(rejected);
            throw new RejectException(rejected.code(), rejected.message());
        }
        recipients.add(new TenantPlans.AcceptedRecipient(address, ((RecipientDecision.Accepted) decision).tenants()));
        recipientKeys.add(key);
        gate.metrics().recipientAccepted();
    }

    /**
     * Reserves the spool for the message; {@link DataCommand} calls it before the 354, so a full
     * or broken spool refuses DATA without making the client send the body first.
     */
    void openSpool() throws RejectException {
        if (writer != null) {
            return;
        }
        try {
            writer = spool.begin();
        } catch (SpoolException e) {
            LOG.warn("spool refused a message from {}: {}", client.getHostAddress(), e.getMessage());
            gate.metrics().messageRefused(e.full() ? SmtpMetrics.MessageRefusal.SPOOL_FULL
                    : SmtpMetrics.MessageRefusal.LOCAL_ERROR);
            throw (e.full() ? SmtpReply.STORAGE_FULL : SmtpReply.LOCAL_PROBLEM).reject();
        } catch (RuntimeException e) {
            LOG.warn("spool failed to begin a message from {}", client.getHostAddress(), e);
            gate.metrics().messageRefused(SmtpMetrics.MessageRefusal.LOCAL_ERROR);
            throw SmtpReply.LOCAL_PROBLEM.reject();
        }
    }

    @Override
    public String data(InputStream data) throws RejectException, IOException {
        openSpool();
        DataStreamGuard.Result copied = DataStreamGuard.copy(data, writer.body(), settings.maxMessageSize());
        switch (copied.outcome()) {
            case TOO_LARGE -> {
                LOG.debug("refused {} bytes from {}: over the {} byte limit", copied.bytesRead(),
                        client.getHostAddress(), settings.maxMessageSize());
                gate.metrics().messageRefused(SmtpMetrics.MessageRefusal.SIZE);
                throw SmtpReply.SIZE_EXCEEDED.reject();
            }
            case BARE_LINE_BREAK -> {
                LOG.debug("refused a message from {}: bare CR or LF", client.getHostAddress());
                gate.metrics().messageRefused(SmtpMetrics.MessageRefusal.BARE_LINE_BREAK);
                throw SmtpReply.BARE_LINE_BREAK.reject();
            }
            case OUTPUT_FAILED -> {
                LOG.warn("cannot write a message from {} to the spool", client.getHostAddress(), copied.failure());
                gate.metrics().messageRefused(SmtpMetrics.MessageRefusal.LOCAL_ERROR);
                throw SmtpReply.LOCAL_PROBLEM.reject();
            }
            case OK -> {
                // commit below
            }
        }
        AcceptedMessage metadata = metadata(copied.bytesStored());
        try {
            writer.commit(metadata);
        } catch (IOException | RuntimeException e) {
            LOG.warn("spool commit of {} from {} failed", writer.messageId(), client.getHostAddress(), e);
            gate.metrics().messageRefused(SmtpMetrics.MessageRefusal.LOCAL_ERROR);
            throw SmtpReply.LOCAL_PROBLEM.reject();
        }
        LOG.info("accepted {} from {}: {} recipient(s), {} bytes", writer.messageId(), client.getHostAddress(),
                recipients.size(), copied.bytesStored());
        gate.metrics().messageAccepted(copied.bytesStored());
        gate.progress(session);
        return SmtpReply.accepted(writer.messageId()).message();
    }

    private AcceptedMessage metadata(long size) {
        String tlsProtocol = null;
        String tlsCipher = null;
        if (session.isTLSStarted() && session.getSocket() instanceof SSLSocket tls) {
            SSLSession negotiated = tls.getSession();
            tlsProtocol = negotiated.getProtocol();
            tlsCipher = negotiated.getCipherSuite();
        }
        List<String> addresses = recipients.stream().map(TenantPlans.AcceptedRecipient::address).toList();
        Envelope envelope = new Envelope(mailFrom, addresses, session.getHelo().orElse(""), client.getHostAddress(),
                tlsProtocol, tlsCipher, settings.hostname(), clock.instant());
        return new AcceptedMessage(writer.messageId(), envelope, snapshot.version(),
                TenantPlans.of(snapshot, recipients), size);
    }

    /** The transaction ended: an uncommitted message is discarded (the writer ignores a committed one). */
    @Override
    public void done() {
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }
}
