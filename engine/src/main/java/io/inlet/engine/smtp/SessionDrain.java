package io.inlet.engine.smtp;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.server.Session;

import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The graceful end of the listener's sessions (RFC 5321 §3.8), which SubEtha lacks: its
 * {@code stop()} just closes every socket, so a client in the middle of DATA never gets its reply.
 *
 * <p>Every admitted session is tracked with one state: {@link State#COMMANDS} (waiting for or
 * running a command), {@link State#DATA} (from the 354 to the reply after the terminator) or
 * {@link State#CLOSING}. Once {@link #begin()} is called:
 * <ul>
 *   <li>a session in COMMANDS gets {@code 421 4.3.2 <hostname> Service shutting down} at once and
 *       its socket is closed: closing is what unblocks a session thread waiting in a read, so an
 *       idle client does not hold the shutdown until its command timeout;</li>
 *   <li>a session in DATA is left alone: it finishes the transfer and gets its normal reply (250
 *       only after the spool commit), then the 421 and the close ({@link #leaveData});</li>
 *   <li>a command that arrives anyway ({@link #claim}), a DATA that has not started its transfer
 *       ({@link #enterData}) and a new session ({@link #admit}) get the 421 too;</li>
 *   <li>{@link #cutAll()} (the caller's deadline) ends whatever is left.</li>
 * </ul>
 * Each state change is a compare-and-set, so exactly one party (the session's own thread or the
 * drain) owns the 421 and the close of a session. The 421 is written by a small pool, and the
 * plain socket is closed shortly after whatever happens: a client that stopped reading could block
 * that write forever (see {@link SessionDeadline}).
 */
final class SessionDrain implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SessionDrain.class);
    /** How long a 421 may take to write before the socket is closed under it. */
    static final long HARD_CLOSE_GRACE_MILLIS = 500;
    private static final int CUTTER_THREADS = 8;

    enum State { COMMANDS, DATA, CLOSING }

    /** What {@link #enterData} tells DATA. */
    enum DataStart {
        /** Go on: send the 354; the drain waits for the transfer. */
        ENTERED,
        /** Shutdown has begun: answer {@link #reply()} and close. */
        REFUSED,
        /** The drain is already closing this session (and answers it): just end. */
        CLOSING
    }

    private static final class Tracked {
        final Session session;
        final Socket plainSocket; // before STARTTLS replaced it: closing it ends TLS sessions too
        final AtomicReference<State> state = new AtomicReference<>(State.COMMANDS);

        Tracked(Session session) {
            this.session = session;
            this.plainSocket = session.getSocket();
        }
    }

    private final SmtpReply reply;
    private final Map<Session, Tracked> sessions = new ConcurrentHashMap<>();
    private final Object ended = new Object();
    private volatile boolean draining;
    private ExecutorService cutters; // created by begin(): no threads while the listener just runs
    private ScheduledExecutorService timer;

    SessionDrain(String hostname) {
        this.reply = shuttingDown(hostname);
    }

    static SmtpReply shuttingDown(String hostname) {
        return new SmtpReply(421, "4.3.2 " + hostname + " Service shutting down");
    }

    SmtpReply reply() {
        return reply;
    }

    boolean draining() {
        return draining;
    }

    /** A new session (before its greeting); false once shutdown has begun: it gets the 421 instead. */
    boolean admit(Session session) {
        if (draining) {
            return false;
        }
        Tracked tracked = new Tracked(session);
        sessions.put(session, tracked);
        if (draining && tracked.state.compareAndSet(State.COMMANDS, State.CLOSING)) {
            forget(session); // begin() did not see it: refuse it here
            return false;
        }
        return true; // (if begin() saw it, begin() answers it)
    }

    /** The session ended, however (SubEtha's onSessionEnd). */
    void forget(Session session) {
        if (sessions.remove(session) != null) {
            synchronized (ended) {
                ended.notifyAll();
            }
        }
    }

    /**
     * A command arrived after shutdown began: true if the caller now owns the session's 421 and
     * close; false if the drain is already sending them.
     */
    boolean claim(Session session) {
        Tracked tracked = sessions.get(session);
        return tracked == null || tracked.state.compareAndSet(State.COMMANDS, State.CLOSING);
    }

    /** DATA is about to send its 354. */
    DataStart enterData(Session session) {
        Tracked tracked = sessions.get(session);
        if (tracked == null) {
            return draining ? DataStart.REFUSED : DataStart.ENTERED;
        }
        if (!tracked.state.compareAndSet(State.COMMANDS, State.DATA)) {
            return DataStart.CLOSING;
        }
        // begin() sets draining before it looks at the states: if it is not set now, begin() will find DATA
        if (draining) {
            return tracked.state.compareAndSet(State.DATA, State.CLOSING) ? DataStart.REFUSED : DataStart.CLOSING;
        }
        return DataStart.ENTERED;
    }

    /**
     * DATA sent its reply. If shutdown has begun, the session gets the 421 now and is closed
     * (on its own thread; the client reads the 421 after its next command, RFC 5321 §3.8).
     */
    void leaveData(Session session) {
        Tracked tracked = sessions.get(session);
        if (tracked == null || !tracked.state.compareAndSet(State.DATA, State.COMMANDS)) {
            return;
        }
        if (draining && tracked.state.compareAndSet(State.COMMANDS, State.CLOSING)) {
            LOG.debug("session {} finished its DATA during shutdown; closing it", session.getSessionId());
            sendQuietly(session, reply);
            session.quit();
        }
    }

    /**
     * Shutdown begins: from now on every command gets the 421; the sessions waiting for a command
     * get it at once and are closed. Sessions in DATA go on.
     */
    synchronized void begin() {
        if (draining) {
            return;
        }
        cutters = Executors.newFixedThreadPool(CUTTER_THREADS, new ThreadFactoryBuilder().setNameFormat("smtp-drain-%d").setDaemon(true).build());
        timer = Executors.newSingleThreadScheduledExecutor(new ThreadFactoryBuilder().setNameFormat("smtp-drain-timer-%d").setDaemon(true).build());
        draining = true;
        int idle = 0;
        for (Tracked tracked : List.copyOf(sessions.values())) {
            if (tracked.state.compareAndSet(State.COMMANDS, State.CLOSING)) {
                idle++;
                cutters.execute(() -> cutOff(tracked));
            }
        }
        // a 421 that cannot be written (a client that stopped reading) must not hold its session
        timer.schedule(this::closeClosingSockets, HARD_CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        LOG.info("SMTP shutdown: {} idle session(s) closed with 421, {} in DATA may finish", idle, inData());
    }

    int inData() {
        return (int) sessions.values().stream().filter(t -> t.state.get() == State.DATA).count();
    }

    int open() {
        return sessions.size();
    }

    /** Waits until every tracked session has ended, or until {@code endNanos} ({@link System#nanoTime()}). */
    boolean awaitEnded(long endNanos) throws InterruptedException {
        synchronized (ended) {
            while (!sessions.isEmpty()) {
                long remaining = endNanos - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(ended, remaining);
            }
            return true;
        }
    }

    /**
     * The deadline: every session still open (in DATA, or stuck) gets the 421 if it can be written
     * within {@link #HARD_CLOSE_GRACE_MILLIS}, then its socket is closed. A transfer cut here was
     * not acknowledged, so nothing it sent is kept: the client sends it again later.
     */
    void cutAll() throws InterruptedException {
        begin();
        List<Tracked> left = List.copyOf(sessions.values());
        for (Tracked tracked : left) {
            if (tracked.state.getAndSet(State.CLOSING) != State.CLOSING) {
                cutters.execute(() -> cutOff(tracked));
            }
        }
        awaitEnded(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HARD_CLOSE_GRACE_MILLIS));
        for (Tracked tracked : left) {
            closeQuietly(tracked.plainSocket);
        }
    }

    private void cutOff(Tracked tracked) {
        sendQuietly(tracked.session, reply);
        tracked.session.quit(); // sets SubEtha's "quitting" first: the session thread ends without a WARN
        closeQuietly(tracked.plainSocket);
    }

    private void closeClosingSockets() {
        for (Tracked tracked : sessions.values()) {
            if (tracked.state.get() == State.CLOSING) {
                closeQuietly(tracked.plainSocket);
            }
        }
    }

    private static void sendQuietly(Session session, SmtpReply reply) {
        try {
            session.sendResponse(reply.line());
        } catch (IOException | RuntimeException ignored) {
            // the client is gone; closing is what matters
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public synchronized void close() {
        if (cutters != null) {
            cutters.shutdownNow();
            timer.shutdownNow();
        }
        sessions.clear();
    }
}
