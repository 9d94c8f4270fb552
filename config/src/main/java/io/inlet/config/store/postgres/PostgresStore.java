package io.inlet.config.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.inlet.config.store.CommitListeners;
import io.inlet.config.store.Store;
import io.inlet.config.store.StoreException;
import io.inlet.config.store.jdbc.SchemaMigrations;
import io.inlet.config.store.jdbc.TransactionFailures;
import io.inlet.config.store.jdbc.TransactionStatements;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Properties;
import java.util.function.LongConsumer;

/**
 * The shared store: PostgreSQL, so several nodes serve one configuration (issue 7).
 *
 * <p>Isolation without in-process locks. A write transaction runs SERIALIZABLE and its first
 * statement locks {@code store_version} in SHARE ROW EXCLUSIVE mode: writers from every node
 * queue in PostgreSQL, and because LOCK TABLE takes no snapshot, each one's snapshot is taken after
 * it got the lock, so it sees every earlier commit. Check-then-insert code above (limits, "already
 * exists", active-set checks) is therefore exact across nodes, and the schema's constraints (unique
 * names, one active set per scope, rules tied to their set) hold whatever happens. Readers take a
 * REPEATABLE READ, READ ONLY snapshot and never wait for writers. A serialization failure or
 * deadlock that still happens (another client writing the tables, an operator's script) is rolled
 * back by PostgreSQL and the work is run again here, so callers see success or a clean error.
 *
 * <p>Every committed write bumps {@code store_version} and NOTIFYs; {@link ChangeFeed} turns
 * other nodes' notifications into this store's commit listeners.
 */
public final class PostgresStore implements Store {

    static final String MIGRATIONS = "classpath:db/migration/postgres";
    private static final long CONNECTION_TIMEOUT_MILLIS = 10_000;
    // A node that hangs mid-transaction must not hold the writer lock for ever; a write that
    // waits longer than this for the lock fails cleanly instead of hanging its API call.
    private static final String SESSION_SETTINGS =
            "SET idle_in_transaction_session_timeout = '60s'; SET lock_timeout = '30s'";

    private final HikariDataSource pool;
    private final CommitListeners listeners = new CommitListeners();
    private final VersionAnnouncer announcer;
    private final RetryPolicy retry;
    private final ThreadLocal<Boolean> inTransaction = new ThreadLocal<>();
    private final ChangeFeed feed;
    private final SharedSecrets secrets;
    private volatile boolean closed;

    private PostgresStore(HikariDataSource pool, PostgresSettings settings, RetryPolicy retry, Clock clock) {
        this.pool = pool;
        this.retry = retry;
        this.secrets = new SharedSecrets(pool);
        long start = read(tx -> tx.version());
        this.announcer = new VersionAnnouncer(listeners, start);
        this.feed = new ChangeFeed(() -> listenerConnection(settings), announcer::announce, settings.versionCheck(),
                start, clock);
    }

    /** Migrates the schema (Flyway holds an advisory lock, so nodes starting together take turns) and opens it. */
    public static PostgresStore open(PostgresSettings settings) {
        return open(settings, RetryPolicy.defaults());
    }

    static PostgresStore open(PostgresSettings settings, RetryPolicy retry) {
        HikariDataSource pool = null;
        try {
            migrate(settings);
            pool = new HikariDataSource(poolConfig(settings));
            PostgresStore store = new PostgresStore(pool, settings, retry, Clock.systemUTC());
            store.feed.start();
            return store;
        } catch (FlywayException | StoreException | com.zaxxer.hikari.pool.HikariPool.PoolInitializationException e) {
            if (pool != null) {
                pool.close();
            }
            throw new StoreException("cannot open the PostgreSQL store at " + settings.redactedUrl() + ": "
                    + e.getMessage(), e);
        }
    }

    private static void migrate(PostgresSettings settings) {
        SchemaMigrations.apply(Flyway.configure()
                .dataSource(settings.url(), nullIfEmpty(settings.username()), nullIfEmpty(settings.password())),
                MIGRATIONS);
    }

    private static HikariConfig poolConfig(PostgresSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("inlet-store");
        config.setJdbcUrl(settings.url());
        if (!settings.username().isEmpty()) {
            config.setUsername(settings.username());
        }
        if (!settings.password().isEmpty()) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setAutoCommit(false);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        config.setConnectionInitSql(SESSION_SETTINGS);
        return config;
    }

    private static Connection listenerConnection(PostgresSettings settings) throws SQLException {
        Properties props = new Properties();
        if (!settings.username().isEmpty()) {
            props.setProperty("user", settings.username());
        }
        if (!settings.password().isEmpty()) {
            props.setProperty("password", settings.password());
        }
        props.setProperty("connectTimeout", "5");
        // A peer that vanished without a FIN: the version check's read times out instead of hanging.
        props.setProperty("socketTimeout", Long.toString(Math.max(30, settings.versionCheck().toSeconds() * 3)));
        props.setProperty("tcpKeepAlive", "true");
        props.setProperty("ApplicationName", "inlet-store-changes");
        return DriverManager.getConnection(settings.url(), props);
    }

    private static String nullIfEmpty(String s) {
        return s.isEmpty() ? null : s;
    }

    @Override
    public <T> T write(Work<T> work) {
        return run(work, false);
    }

    @Override
    public <T> T read(Work<T> work) {
        return run(work, true);
    }

    private <T> T run(Work<T> work, boolean readOnly) {
        // Each transaction takes its own pooled connection: a nested one could wait on the outer one's lock.
        if (Boolean.TRUE.equals(inTransaction.get())) {
            throw new IllegalStateException("nested store transaction");
        }
        if (closed) {
            throw new StoreException("store is closed", null);
        }
        Committed<T> committed;
        inTransaction.set(Boolean.TRUE);
        try {
            committed = withRetries(work, readOnly);
        } finally {
            inTransaction.remove();
        }
        // Outside the transaction, so a listener may read the state it is told about.
        if (committed.newVersion() >= 0) {
            feed.seen(committed.newVersion());
            announcer.announce(committed.newVersion());
        }
        return committed.result();
    }

    private record Committed<T>(T result, long newVersion) {
    }

    private <T> Committed<T> withRetries(Work<T> work, boolean readOnly) {
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(work, readOnly);
            } catch (Throwable t) {
                if (!RetryPolicy.isRetryable(t)) {
                    throw TransactionFailures.unchecked(t);
                }
                if (attempt >= retry.maxAttempts()) {
                    throw new StoreException("store transaction failed after " + attempt
                            + " attempts on serialization failures or deadlocks: " + t.getMessage(), t);
                }
                retry.pause(attempt);
            }
        }
    }

    private <T> Committed<T> attempt(Work<T> work, boolean readOnly) throws Exception {
        try (Connection c = connection()) {
            TransactionStatements statements = new TransactionStatements(c, readOnly);
            PostgresTransaction tx = new PostgresTransaction(statements);
            try {
                begin(c, readOnly);
                T result = work.run(tx);
                long newVersion = statements.changed() ? tx.bumpVersion() : -1;
                c.commit();
                return new Committed<>(result, newVersion);
            } catch (Throwable t) {
                rollback(c, t);
                throw t;
            } finally {
                statements.end();
            }
        }
    }

    private Connection connection() {
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            throw new StoreException(closed ? "store is closed" : "cannot reach the PostgreSQL store: " + e.getMessage(), e);
        }
    }

    private static void begin(Connection c, boolean readOnly) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (readOnly) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            } else {
                s.execute("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ WRITE");
                s.execute("LOCK TABLE store_version IN SHARE ROW EXCLUSIVE MODE");
            }
        }
    }

    private static void rollback(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void addCommitListener(LongConsumer listener) {
        listeners.add(listener);
    }

    /** The change feed as the health endpoint reports it. */
    public FeedStatus changeFeed() {
        ChangeFeed.Status s = feed.status();
        return new FeedStatus(s.state().name().toLowerCase(), s.version(), s.since(), s.lastError(), s.listenerPid());
    }

    /**
     * The change feed, public form.
     *
     * @param state        {@code connecting}, {@code listening}, {@code reconnecting} or {@code closed}
     * @param version      newest store version this node knows of
     * @param since        when it entered this state
     * @param lastError    why the connection was lost; null while listening
     * @param listenerPid  backend pid of the LISTEN connection; 0 when there is none
     */
    public record FeedStatus(String state, long version, java.time.Instant since, String lastError, int listenerPid) {
        public boolean listening() {
            return "listening".equals(state);
        }
    }

    /** The value kept under {@code name}, generated by the first node that asks (race-free). */
    public String sharedSecret(String name, java.util.function.Supplier<String> generator) {
        if (closed) {
            throw new StoreException("store is closed", null);
        }
        return secrets.getOrCreate(name, generator);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        feed.close();
        pool.close();
    }
}
