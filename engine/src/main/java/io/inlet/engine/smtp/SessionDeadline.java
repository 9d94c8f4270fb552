package io.inlet.engine.smtp;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.server.Session;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Wall-clock limit per session. SubEtha only has a per-read idle timeout, so a client dripping a
 * byte every few minutes would hold a thread forever (apache/nifi#827). A session is armed when
 * it is accepted and re-armed after each accepted message; when the time runs out it gets
 * {@code 421 4.4.2 <hostname> Error: timeout exceeded} and its socket is closed.
 *
 * <p>The reply is written on a separate thread, and the plain socket is closed a moment later
 * whatever happens: a client that stopped reading can block that write (and the session's own
 * writer lock) forever, and closing the socket is what unblocks both.
 */
final class SessionDeadline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SessionDeadline.class);
    private static final long HARD_CLOSE_GRACE_MILLIS = 1000;

    private final long deadlineMillis;
    private final SmtpReply reply;
    private final ScheduledExecutorService timer;
    private final ExecutorService cutters;
    private final Map<Session, Armed> armed = new ConcurrentHashMap<>();

    /** One arming of one session; identity tells a stale timeout from the current one. */
    private static final class Armed {
        final Socket plainSocket;
        volatile ScheduledFuture<?> timeout;

        Armed(Socket plainSocket) {
            this.plainSocket = plainSocket;
        }
    }

    SessionDeadline(Duration deadline, String hostname) {
        this.deadlineMillis = deadline.toMillis();
        this.reply = SmtpReply.deadline(hostname);
        this.timer = Executors.newSingleThreadScheduledExecutor(new ThreadFactoryBuilder().setNameFormat("smtp-deadline-%d").setDaemon(true).build());
        this.cutters = Executors.newCachedThreadPool(new ThreadFactoryBuilder().setNameFormat("smtp-deadline-cut-%d").setDaemon(true).build());
    }

    /** At accept time, before STARTTLS could replace the session's socket. */
    void arm(Session session) {
        start(session, new Armed(session.getSocket()));
    }

    /** The session made progress (a message was accepted): it gets a fresh deadline. */
    void rearm(Session session) {
        Armed current = armed.get(session);
        if (current != null) {
            start(session, new Armed(current.plainSocket));
        }
    }

    void disarm(Session session) {
        Armed current = armed.remove(session);
        if (current != null && current.timeout != null) {
            current.timeout.cancel(false);
        }
    }

    private void start(Session session, Armed next) {
        next.timeout = timer.schedule(() -> expire(session, next), deadlineMillis, TimeUnit.MILLISECONDS);
        Armed previous = armed.put(session, next);
        if (previous != null && previous.timeout != null) {
            previous.timeout.cancel(false);
        }
    }

    private void expire(Session session, Armed which) {
        if (!armed.remove(session, which)) {
            return; // re-armed or ended meanwhile
        }
        LOG.info("session {} from {} exceeded the {} ms deadline; closing it",
                session.getSessionId(), ClientAddress.of(session).getHostAddress(), deadlineMillis);
        cutters.execute(() -> cutOff(session, which.plainSocket));
    }

    private void cutOff(Session session, Socket plainSocket) {
        ScheduledFuture<?> hardClose = timer.schedule(() -> closeQuietly(plainSocket),
                HARD_CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        try {
            session.sendResponse(reply.line());
        } catch (IOException | RuntimeException ignored) {
            // the client is gone or stuck; the close below is what matters
        }
        session.quit(); // sets SubEtha's "quitting" flag first, so the session thread ends without a 421 4.4.0 or a WARN
        closeQuietly(plainSocket);
        hardClose.cancel(false);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        cutters.shutdownNow();
        armed.clear();
    }
}
