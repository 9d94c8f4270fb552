package io.inlet.engine.smtp;

import io.inlet.engine.snapshot.SnapshotHolder;
import io.inlet.engine.spool.Spool;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.server.SMTPServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The SMTP side of Inlet: a SubEtha SMTP server that receives mail with Amazon SES semantics
 * (SES-RECEIVING.md Part 1) into the {@link Spool}. What SubEtha lacks or gets wrong for an MX is
 * fixed around it: our commands ({@link SmtpCommands}), a per-IP limit and a wall-clock deadline
 * ({@link SessionGate}), a STARTTLS socket factory without reverse DNS ({@link StartTlsSockets}),
 * streaming checks on DATA ({@link DataStreamGuard}), an exact greeting ({@link GreetingServerSocket})
 * and a graceful shutdown ({@link #shutdown(Duration)}, {@link SessionDrain}).
 */
public final class SmtpListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpListener.class);

    private final SmtpSettings settings;
    private final SMTPServer server;
    private final SessionDeadline deadline;
    private final SessionDrain drain;
    private final SmtpMetrics metrics;
    private volatile GreetingServerSocket serverSocket;
    private volatile boolean started;
    private volatile boolean closed;

    public SmtpListener(SmtpSettings settings, SnapshotHolder snapshots, Spool spool) {
        this(settings, snapshots, spool, Clock.systemUTC());
    }

    public SmtpListener(SmtpSettings settings, SnapshotHolder snapshots, Spool spool, Clock clock) {
        this(settings, snapshots, spool, clock, new SimpleMeterRegistry());
    }

    /** @param registry where the {@code inlet.smtp.*} meters go ({@link SmtpMetrics}) */
    public SmtpListener(SmtpSettings settings, SnapshotHolder snapshots, Spool spool, Clock clock,
                        MeterRegistry registry) {
        this.settings = settings;
        this.metrics = new SmtpMetrics(registry);
        // first, so bad credentials fail before anything holding threads exists
        StartTlsSockets startTls = settings.tls().map(c -> new StartTlsSockets(TlsContexts.create(c))).orElse(null);
        this.deadline = new SessionDeadline(settings.transactionDeadline(), settings.hostname());
        this.drain = new SessionDrain(settings.hostname());
        SessionGate gate = new SessionGate(new PerIpLimiter(settings.maxConnectionsPerIp()), deadline, drain, metrics);
        SMTPServer.Builder builder = SMTPServer.port(settings.port())
                .bindAddress(bindAddress(settings.host()))
                .hostName(settings.hostname()) // also keeps SubEtha from its getCanonicalHostName() lookup
                .softwareName("") // banner "220 <hostname> ESMTP"; GreetingServerSocket drops the blank SubEtha leaves
                .serverSocketFactory(this::newServerSocket)
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
        SmtpCommands.install(server.getCommandHandler(), settings, drain);
    }

    private ServerSocket newServerSocket() throws IOException {
        GreetingServerSocket socket = new GreetingServerSocket(metrics);
        serverSocket = socket;
        return socket;
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
     * Whether the listener takes connections now: started, its server running and no shutdown
     * begun (the readiness check).
     */
    public boolean accepting() {
        return started && !closed && server.isRunning();
    }

    /** {@link #shutdown(Duration)} with the configured {@link SmtpSettings#shutdownDeadline()}. */
    @Override
    public void close() {
        shutdown(settings.shutdownDeadline());
    }

    /**
     * Stops gracefully (RFC 5321 §3.8), returning when every session has ended, at the latest
     * shortly after {@code deadline}:
     * <ol>
     *   <li>the listening socket is closed at once: new connections are refused;</li>
     *   <li>sessions waiting for a command (or running one) get {@code 421 4.3.2 <hostname> Service
     *       shutting down} and are closed at once, and so does any command that still arrives;</li>
     *   <li>sessions in the middle of DATA may finish the transfer: they get their normal reply (250
     *       only after the spool commit), then the 421;</li>
     *   <li>at the deadline whatever is left is cut: those messages were not acknowledged, so they
     *       are not kept and their clients send them again. Nothing that got a 250 is lost.</li>
     * </ol>
     * Then SubEtha's {@code stop()} cleans up. Idempotent; a second call returns at once.
     */
    public void shutdown(Duration deadline) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        long end = System.nanoTime() + deadline.toNanos();
        try {
            if (started) {
                drain(end);
                server.stop();
                LOG.info("SMTP listener on port {} stopped", port());
            }
        } finally {
            drain.close();
            this.deadline.close();
        }
    }

    private void drain(long endNanos) {
        GreetingServerSocket socket = serverSocket;
        try {
            if (socket != null) {
                socket.stopAccepting();
            }
        } catch (IOException e) {
            LOG.warn("cannot close the SMTP listening socket", e);
        }
        drain.begin();
        try {
            if (!drain.awaitEnded(endNanos)) {
                LOG.warn("SMTP shutdown deadline reached: cutting {} session(s) ({} in DATA; their messages "
                        + "were not acknowledged and will be sent again)", drain.open(), drain.inData());
                drain.cutAll();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // SubEtha's stop() below closes every session
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
