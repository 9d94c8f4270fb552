package io.inlet.config.store.postgres;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Tells this node about commits made by any node. One dedicated connection LISTENs on
 * {@link PostgresTransaction#CHANNEL}; a notification (or, every {@code versionCheck}, the clock)
 * makes it read {@code store_version} and report a version newer than the last one seen. The
 * notification only wakes it up: reading the version itself means a lost or foreign notification
 * can neither skip nor fake a change.
 *
 * <p>When the connection breaks, the node keeps serving its last snapshot while this reconnects
 * with backoff (100 ms doubling to 5 s); the first version read after LISTEN is re-established
 * reports whatever was committed meanwhile, so the node rebuilds and catches up.
 */
final class ChangeFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);
    private static final long MIN_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    /** Upper bound of one wait for notifications: close() waits for the current one to end. */
    private static final int MAX_WAIT_MILLIS = 250;

    @FunctionalInterface
    interface ConnectionFactory {
        Connection open() throws SQLException;
    }

    /** Where the feed stands. */
    enum State { CONNECTING, LISTENING, RECONNECTING, CLOSED }

    /**
     * What the health endpoint reports.
     *
     * @param state        the connection state
     * @param version      the newest store version this node has been told about
     * @param since        when the feed entered {@code state}
     * @param lastError    why the connection was lost (null while listening)
     * @param listenerPid  PostgreSQL backend pid of the LISTEN connection (0 when none)
     */
    record Status(State state, long version, Instant since, String lastError, int listenerPid) {
    }

    private final ConnectionFactory connections;
    private final LongConsumer onNewVersion;
    private final long versionCheckMillis;
    private final Clock clock;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;
    private final Object statusLock = new Object();
    private long seen; // guarded by statusLock
    private Status status; // guarded by statusLock
    private volatile Connection current;

    ChangeFeed(ConnectionFactory connections, LongConsumer onNewVersion, Duration versionCheck, long initialVersion,
               Clock clock) {
        this.connections = connections;
        this.onNewVersion = onNewVersion;
        this.versionCheckMillis = versionCheck.toMillis();
        this.clock = clock;
        this.seen = initialVersion;
        this.status = new Status(State.CONNECTING, initialVersion, clock.instant(), null, 0);
        this.thread = new Thread(this::run, "inlet-store-changes");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    Status status() {
        synchronized (statusLock) {
            return status;
        }
    }

    /**
     * Records a version this node already knows about (its own commit), so the notification
     * that follows does not report it a second time.
     */
    void seen(long version) {
        synchronized (statusLock) {
            if (version > seen) {
                seen = version;
                status = new Status(status.state(), seen, status.since(), status.lastError(), status.listenerPid());
            }
        }
    }

    private void run() {
        int failures = 0;
        while (!isClosing()) {
            try (Connection c = connections.open()) {
                current = c;
                if (isClosing()) {
                    break;
                }
                listen(c);
                failures = 0;
                follow(c);
            } catch (SQLException | RuntimeException e) {
                if (isClosing()) {
                    break;
                }
                failures++;
                lost(e, failures);
                awaitClosing(backoffMillis(failures));
            } finally {
                current = null;
            }
        }
        setState(State.CLOSED, null, 0);
    }

    private void listen(Connection c) throws SQLException {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN " + PostgresTransaction.CHANNEL);
        }
        int pid = c.unwrap(PGConnection.class).getBackendPID();
        boolean wasLost = status().state() == State.RECONNECTING;
        setState(State.LISTENING, null, pid);
        if (wasLost) {
            LOG.info("store change feed reconnected (listener pid {}); catching up", pid);
        }
        // Anything committed while the connection was down (or before LISTEN took effect).
        checkVersion(c);
    }

    private void follow(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long nextCheck = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(versionCheckMillis);
        while (!isClosing()) {
            long untilCheck = TimeUnit.NANOSECONDS.toMillis(nextCheck - System.nanoTime());
            int wait = (int) Math.max(1, Math.min(MAX_WAIT_MILLIS, untilCheck));
            PGNotification[] notifications = pg.getNotifications(wait);
            boolean due = System.nanoTime() - nextCheck >= 0;
            if ((notifications != null && notifications.length > 0) || due) {
                checkVersion(c);
            }
            if (due) {
                nextCheck = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(versionCheckMillis);
            }
        }
    }

    private void checkVersion(Connection c) throws SQLException {
        long version;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM store_version WHERE id = 1")) {
            if (!rs.next()) {
                throw new SQLException("store_version row is missing");
            }
            version = rs.getLong(1);
        }
        boolean newer;
        synchronized (statusLock) {
            newer = version > seen;
            if (newer) {
                seen = version;
                status = new Status(status.state(), seen, status.since(), status.lastError(), status.listenerPid());
            }
        }
        if (newer) {
            onNewVersion.accept(version);
        }
    }

    private void lost(Exception e, int failures) {
        String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (failures == 1) {
            LOG.warn("store change feed lost its PostgreSQL connection; serving the last snapshot while reconnecting: {}",
                    reason);
        } else {
            LOG.debug("store change feed reconnect attempt {} failed: {}", failures, reason);
        }
        setState(State.RECONNECTING, reason, 0);
    }

    private void setState(State state, String error, int pid) {
        synchronized (statusLock) {
            boolean changed = status.state() != state;
            status = new Status(state, seen, changed ? clock.instant() : status.since(), error, pid);
        }
    }

    private static long backoffMillis(int failures) {
        return Math.min(MAX_BACKOFF_MILLIS, MIN_BACKOFF_MILLIS << Math.min(failures - 1, 16));
    }

    private boolean isClosing() {
        return closing.getCount() == 0;
    }

    private void awaitClosing(long millis) {
        try {
            closing.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing.countDown();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        Connection c = current;
        if (c != null) {
            try {
                c.close(); // wakes a getNotifications() wait at once
            } catch (SQLException e) {
                LOG.debug("closing the listener connection failed", e);
            }
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
