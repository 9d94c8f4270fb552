package io.inlet.config.store.sqlite;

import io.inlet.config.store.CommitListeners;
import io.inlet.config.store.Store;
import io.inlet.config.store.StoreException;
import io.inlet.config.store.jdbc.SchemaMigrations;
import io.inlet.config.store.jdbc.TransactionFailures;
import io.inlet.config.store.jdbc.TransactionStatements;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

/**
 * The embedded store: one SQLite file in the data directory. All transactions run on a single
 * connection behind one lock; control-plane traffic is small, and serialising it removes every
 * lost-update and SQLITE_BUSY question inside the process (busy_timeout covers other processes).
 */
public final class SqliteStore implements Store {

    public static final String DB_FILE = "inlet.db";
    static final String MIGRATIONS = "classpath:db/migration/sqlite";
    private static final int BUSY_TIMEOUT_MS = 10_000;

    private final ReentrantLock lock = new ReentrantLock();
    private final CommitListeners listeners = new CommitListeners();
    private Connection connection; // guarded by lock; null once closed

    private SqliteStore(Connection connection) {
        this.connection = connection;
    }

    /** Creates the directory and the database as needed, migrates the schema, and opens it. */
    public static SqliteStore open(Path directory) {
        try {
            Files.createDirectories(directory);
            String url = "jdbc:sqlite:" + directory.resolve(DB_FILE).toAbsolutePath();
            SQLiteConfig config = config();
            migrate(url, config);
            Connection connection = config.createConnection(url);
            try {
                verifyDurability(connection);
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
            return new SqliteStore(connection);
        } catch (IOException | SQLException | FlywayException e) {
            throw new StoreException("cannot open the store in " + directory, e);
        }
    }

    // WAL + synchronous=FULL: a commit returns only after its WAL frames are fsync'ed, so a
    // committed write survives kill -9 and power loss. Pragmas are per connection, so every
    // connection (Flyway's too) is built from this config.
    private static SQLiteConfig config() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        return config;
    }

    private static void migrate(String url, SQLiteConfig config) {
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl(url);
        SchemaMigrations.apply(Flyway.configure().dataSource(dataSource), MIGRATIONS);
    }

    // WAL can be refused (e.g. some network file systems); fail loudly rather than run less durable.
    private static void verifyDurability(Connection c) throws SQLException {
        String journal = pragma(c, "journal_mode");
        String sync = pragma(c, "synchronous");
        String fks = pragma(c, "foreign_keys");
        if (!"wal".equalsIgnoreCase(journal) || !"2".equals(sync) || !"1".equals(fks)) {
            throw new SQLException("SQLite refused the durability settings: journal_mode=" + journal
                    + " synchronous=" + sync + " foreign_keys=" + fks);
        }
    }

    private static String pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getString(1) : null;
        }
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
        // The lock is reentrant but SQLite transactions do not nest: refuse clearly instead.
        if (lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("nested store transaction");
        }
        T result;
        long newVersion = -1;
        lock.lock();
        try {
            Connection c = openConnection();
            // IMMEDIATE takes the write lock up front, so a write never fails half-way on BUSY.
            exec(c, readOnly ? "BEGIN DEFERRED" : "BEGIN IMMEDIATE");
            TransactionStatements statements = new TransactionStatements(c, readOnly);
            SqliteTransaction tx = new SqliteTransaction(statements);
            try {
                result = work.run(tx);
                if (statements.changed()) {
                    newVersion = tx.bumpVersion();
                }
                exec(c, "COMMIT");
            } catch (Throwable t) {
                rollback(c, t);
                throw TransactionFailures.unchecked(t);
            } finally {
                statements.end();
            }
        } finally {
            lock.unlock();
        }
        // Outside the lock: a slow listener must not hold up other transactions.
        if (newVersion >= 0) {
            listeners.fire(newVersion);
        }
        return result;
    }

    private Connection openConnection() {
        if (connection == null) {
            throw new StoreException("store is closed", null);
        }
        return connection;
    }

    private static void exec(Connection c, String sql) {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new StoreException(sql + " failed: " + e.getMessage(), e);
        }
    }

    private static void rollback(Connection c, Throwable cause) {
        try (Statement s = c.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            // SQLite may already have rolled back (e.g. after a failed COMMIT); keep the first error.
            cause.addSuppressed(e);
        }
    }

    @Override
    public void addCommitListener(LongConsumer listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot close the store", e);
        } finally {
            connection = null;
            lock.unlock();
        }
    }
}
