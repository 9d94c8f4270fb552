package io.inlet.engine.smtp;

import io.inlet.engine.snapshot.SnapshotHolder;
import io.inlet.engine.spool.Spool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.server.SMTPServer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The SMTP side of Inlet: a SubEtha SMTP server that receives mail with Amazon SES semantics
 * (SES-RECEIVING.md Part 1) into the {@link Spool}. What SubEtha lacks or gets wrong for an MX is
 * fixed around it: our commands ({@link SmtpCommands}), a per-IP limit and a wall-clock deadline
 * ({@link SessionGate}), a STARTTLS socket factory without reverse DNS ({@link StartTlsSockets}),
 * streaming checks on DATA ({@link DataStreamGuard}) and an exact greeting ({@link GreetingServerSocket}).
 */
public final class SmtpListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpListener.class);

    private final SmtpSettings settings;
    private final SMTPServer server;
    private final SessionDeadline deadline;
    private boolean started;
    private boolean closed;

    public SmtpListener(SmtpSettings settings, SnapshotHolder snapshots, Spool spool) {
        this(settings, snapshots, spool, Clock.systemUTC());
    }

    public SmtpListener(SmtpSettings settings, SnapshotHolder snapshots, Spool spool, Clock clock) {
        this.settings = settings;
        // first, so bad credentials fail before anything holding threads exists
        StartTlsSockets startTls = settings.tls().map(c -> new StartTlsSockets(TlsContexts.create(c))).orElse(null);
        this.deadline = new SessionDeadline(settings.transactionDeadline(), settings.hostname());
        SessionGate gate = new SessionGate(new PerIpLimiter(settings.maxConnectionsPerIp()), deadline);
        SMTPServer.Builder builder = SMTPServer.port(settings.port())
                .bindAddress(bindAddress(settings.host()))
                .hostName(settings.hostname()) // also keeps SubEtha from its getCanonicalHostName() lookup
                .softwareName("") // banner "220 <hostname> ESMTP"; GreetingServerSocket drops the blank SubEtha leaves
                .serverSocketFactory(GreetingServerSocket::new)
                .serverThreadName("smtp-accept-" + settings.port())
                .messageHandlerFactory(new MailTransactions(settings, snapshots, spool, clock, gate))
                .sessionHandler(gate)
                .insertReceivedHeaders(false) // no PTR lookup per message; processing adds SES's headers
                .maxMessageSize((int) settings.maxMessageSize())
                .maxRecipients(Integer.MAX_VALUE) // ours is enforced in MailTransaction with SES's reply
                .maxConnections(settings.maxConnections())
                .connectionTimeout((int) settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .proxyHandler(settings.proxyProtocol().handler());
        if (startTls != null) {
            builder.enableTLS(true).startTlsSocketFactory(startTls);
        }
        this.server = builder.executorService(SessionExecutors.create(settings.maxConnections())).build();
        SmtpCommands.install(server.getCommandHandler(), settings);
    }

    /** Binds and starts accepting. A listener starts once (SubEtha servers cannot restart). */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        server.start();
        LOG.info("SMTP listening on {}:{} as {} (STARTTLS {}, PROXY protocol {})", settings.host(), port(),
                settings.hostname(), settings.tls().isPresent() ? "on" : "off",
                settings.proxyProtocol().name().toLowerCase());
    }

    /** The port actually bound (the ephemeral one when configured with 0); valid after {@link #start()}. */
    public int port() {
        return settings.port() == 0 ? server.getPortAllocated() : settings.port();
    }

    public SmtpSettings settings() {
        return settings;
    }

    /**
     * Stops accepting and ends the sessions: SubEtha closes every open socket, so a transaction in
     * DATA is cut (its message was not acknowledged, so the client retries; nothing is lost).
     * A graceful drain (stop accepting, answer 421 to new commands, wait for transactions in DATA
     * up to a deadline) belongs to the operations work and is not done here.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (started) {
                server.stop();
            }
        } finally {
            deadline.close();
        }
    }

    private static InetAddress bindAddress(String host) {
        try {
            return InetAddress.getByName(host); // an IP literal: no DNS query
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot bind to " + host, e);
        }
    }
}
