package io.inlet.engine.smtp;

import io.inlet.engine.snapshot.SnapshotHolder;
import io.inlet.engine.spool.Spool;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.MessageHandlerFactory;
import org.subethamail.smtp.server.Session;

import java.time.Clock;

/** Creates one {@link MailTransaction} per MAIL, with the configuration snapshot current at that moment. */
final class MailTransactions implements MessageHandlerFactory {

    private final SmtpSettings settings;
    private final SnapshotHolder snapshots;
    private final Spool spool;
    private final Clock clock;
    private final SessionGate gate;

    MailTransactions(SmtpSettings settings, SnapshotHolder snapshots, Spool spool, Clock clock, SessionGate gate) {
        this.settings = settings;
        this.snapshots = snapshots;
        this.spool = spool;
        this.clock = clock;
        this.gate = gate;
    }

    @Override
    public MessageHandler create(MessageContext context) {
        // SubEtha's only MessageContext is its Session; we need its TLS state and socket
        return new MailTransaction((Session) context, snapshots.current(), spool, settings, clock, gate);
    }
}
