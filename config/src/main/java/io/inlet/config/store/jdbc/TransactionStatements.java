package io.inlet.config.store.jdbc;

import io.inlet.config.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the statements of one store transaction on the connection its store opened. It refuses
 * every statement once the transaction has ended and every write in a read-only one, and records
 * whether any row changed, so a write that changed nothing bumps no version (and makes no engine
 * node rebuild its snapshot for nothing). The store that opened the transaction owns this object:
 * it asks {@link #changed()} before commit and calls {@link #end()} after.
 */
public final class TransactionStatements {

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final Connection connection;
    private final boolean readOnly;
    private boolean changed;
    private boolean ended;

    public TransactionStatements(Connection connection, boolean readOnly) {
        this.connection = connection;
        this.readOnly = readOnly;
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
        checkActive();
        try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(mapper.map(rs));
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreException("query failed: " + e.getMessage(), e);
        }
    }

    /** The first row of the query, if there is one. */
    public <T> Optional<T> queryFirst(String sql, RowMapper<T> mapper, Object... args) {
        List<T> rows = query(sql, mapper, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public void update(String sql, Object... args) {
        checkWritable();
        try (PreparedStatement ps = prepare(sql, args)) {
            if (ps.executeUpdate() > 0) {
                changed = true;
            }
        } catch (SQLException e) {
            throw new StoreException("update failed: " + e.getMessage(), e);
        }
    }

    /**
     * A write that is not receiving configuration (the sending statistics): it changes rows but not
     * {@link #changed()}, so it bumps no version and makes no engine node rebuild its snapshot.
     */
    public void updateUnversioned(String sql, Object... args) {
        checkWritable();
        try (PreparedStatement ps = prepare(sql, args)) {
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("update failed: " + e.getMessage(), e);
        }
    }

    /** Runs one statement for each row of arguments as a single JDBC batch (one round trip). */
    public void batch(String sql, List<Object[]> rows) {
        checkWritable();
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (Object[] args : rows) {
                bind(ps, args);
                ps.addBatch();
            }
            ps.executeBatch();
            changed = true;
        } catch (SQLException e) {
            // A batch reports the statement's own error (and its SQLState) as the next exception.
            SQLException cause = e.getNextException() != null ? e.getNextException() : e;
            throw new StoreException("update failed: " + cause.getMessage(), cause);
        }
    }

    public void checkWritable() {
        checkActive();
        if (readOnly) {
            throw new IllegalStateException("write in a read-only store transaction");
        }
    }

    /** Whether any statement so far changed a row. */
    public boolean changed() {
        return changed;
    }

    /** A transaction object that escaped its work must not touch the next transaction. */
    public void end() {
        ended = true;
    }

    private void checkActive() {
        if (ended) {
            throw new IllegalStateException("the store transaction has ended");
        }
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        try {
            bind(ps, args);
            return ps;
        } catch (SQLException e) {
            ps.close();
            throw e;
        }
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null) {
                // Typed, so PostgreSQL can infer the parameter; only text columns are ever null.
                ps.setNull(i + 1, Types.VARCHAR);
            } else {
                ps.setObject(i + 1, args[i]);
            }
        }
    }
}
