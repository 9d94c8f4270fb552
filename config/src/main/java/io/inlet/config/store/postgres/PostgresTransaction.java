package io.inlet.config.store.postgres;

import io.inlet.config.store.IdentityRecord;
import io.inlet.config.store.RuleCodec;
import io.inlet.config.store.Scope;
import io.inlet.config.store.StoreException;
import io.inlet.config.store.StoreTransaction;
import io.inlet.rules.FilterPolicy;
import io.inlet.rules.ReceiptFilter;
import io.inlet.rules.ReceiptRule;
import io.inlet.rules.ReceiptRuleSetMetadata;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The primitives on one pooled connection, inside the transaction {@link PostgresStore} opened.
 * Like the embedded store it records whether any row changed, so a write that changed nothing
 * bumps no version and wakes no node. A failed statement aborts a PostgreSQL transaction, so the
 * {@link StoreException} it raises always ends the whole write.
 */
final class PostgresTransaction implements StoreTransaction {

    /** The channel every node LISTENs on; a notification only says "look at the version". */
    static final String CHANNEL = "inlet_store_changes";

    private final Connection c;
    private final boolean readOnly;
    private boolean changed;
    private boolean ended;
    private Long version;

    PostgresTransaction(Connection c, boolean readOnly) {
        this.c = c;
        this.readOnly = readOnly;
    }

    // --- rule sets ---------------------------------------------------------------------------

    @Override
    public List<ReceiptRuleSetMetadata> ruleSets(Scope scope) {
        return query("SELECT name, created_at FROM rule_sets WHERE account_id = ? AND region = ? ORDER BY seq",
                rs -> new ReceiptRuleSetMetadata(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))),
                scope.accountId(), scope.region());
    }

    @Override
    public Optional<ReceiptRuleSetMetadata> ruleSet(Scope scope, String name) {
        return first(query("SELECT name, created_at FROM rule_sets WHERE account_id = ? AND region = ? AND name = ?",
                rs -> new ReceiptRuleSetMetadata(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))),
                scope.accountId(), scope.region(), name));
    }

    @Override
    public void insertRuleSet(Scope scope, String name, Instant createdTimestamp) {
        update("INSERT INTO rule_sets (account_id, region, name, created_at) VALUES (?, ?, ?, ?)",
                scope.accountId(), scope.region(), name, createdTimestamp.toEpochMilli());
    }

    @Override
    public void deleteRuleSet(Scope scope, String name) {
        // Its rules go by ON DELETE CASCADE; its active flag goes with the row.
        update("DELETE FROM rule_sets WHERE account_id = ? AND region = ? AND name = ?",
                scope.accountId(), scope.region(), name);
    }

    @Override
    public Optional<String> activeRuleSet(Scope scope) {
        return first(query("SELECT name FROM rule_sets WHERE account_id = ? AND region = ? AND active",
                rs -> rs.getString(1), scope.accountId(), scope.region()));
    }

    @Override
    public void setActiveRuleSet(Scope scope, String name) {
        checkWritable();
        if (name != null && ruleSet(scope, name).isEmpty()) {
            throw new StoreException("no rule set " + name + " in " + scope, null);
        }
        // Deactivate first: the partial unique index allows one active row at any moment. Both
        // statements touch only rows that really change, so re-activating the same set is no write.
        update("UPDATE rule_sets SET active = FALSE WHERE account_id = ? AND region = ? AND active"
                        + " AND name IS DISTINCT FROM CAST(? AS TEXT)",
                scope.accountId(), scope.region(), name);
        if (name != null) {
            update("UPDATE rule_sets SET active = TRUE WHERE account_id = ? AND region = ? AND name = ? AND NOT active",
                    scope.accountId(), scope.region(), name);
        }
    }

    // --- rules ------------------------------------------------------------------------------

    @Override
    public List<ReceiptRule> rules(Scope scope, String ruleSet) {
        return query("SELECT json FROM rules WHERE account_id = ? AND region = ? AND rule_set = ? ORDER BY position",
                rs -> decode(rs.getString(1)), scope.accountId(), scope.region(), ruleSet);
    }

    @Override
    public void replaceRules(Scope scope, String ruleSet, List<ReceiptRule> rules) {
        update("DELETE FROM rules WHERE account_id = ? AND region = ? AND rule_set = ?",
                scope.accountId(), scope.region(), ruleSet);
        if (rules.isEmpty()) {
            return;
        }
        // One batch, one round trip: a set may hold 200 rules.
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO rules (account_id, region, rule_set, position, name, json) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int position = 0; position < rules.size(); position++) {
                ReceiptRule rule = rules.get(position);
                ps.setString(1, scope.accountId());
                ps.setString(2, scope.region());
                ps.setString(3, ruleSet);
                ps.setInt(4, position);
                ps.setString(5, rule.name());
                ps.setString(6, RuleCodec.encode(rule));
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

    private static ReceiptRule decode(String json) {
        try {
            return RuleCodec.decode(json);
        } catch (IllegalArgumentException e) {
            throw new StoreException("stored rule is unreadable: " + e.getMessage(), e);
        }
    }

    // --- filters ----------------------------------------------------------------------------

    @Override
    public List<ReceiptFilter> filters(Scope scope) {
        // COLLATE "C" on the column: byte order, the same as ordinal order for SES's ASCII names.
        return query("SELECT name, policy, cidr FROM filters WHERE account_id = ? AND region = ? ORDER BY name",
                rs -> new ReceiptFilter(rs.getString(1), FilterPolicy.valueOf(rs.getString(2)), rs.getString(3)),
                scope.accountId(), scope.region());
    }

    @Override
    public void insertFilter(Scope scope, ReceiptFilter filter) {
        update("INSERT INTO filters (account_id, region, name, policy, cidr) VALUES (?, ?, ?, ?, ?)",
                scope.accountId(), scope.region(), filter.name(), filter.policy().name(), filter.cidr());
    }

    @Override
    public void deleteFilter(Scope scope, String name) {
        update("DELETE FROM filters WHERE account_id = ? AND region = ? AND name = ?",
                scope.accountId(), scope.region(), name);
    }

    // --- identities -------------------------------------------------------------------------

    @Override
    public List<IdentityRecord> identities(Scope scope) {
        return query("SELECT identity, type, token, status, created_at FROM identities"
                + " WHERE account_id = ? AND region = ? ORDER BY seq",
                PostgresTransaction::identity, scope.accountId(), scope.region());
    }

    @Override
    public Optional<IdentityRecord> identity(Scope scope, String identity) {
        return first(query("SELECT identity, type, token, status, created_at FROM identities"
                + " WHERE account_id = ? AND region = ? AND identity = ?",
                PostgresTransaction::identity, scope.accountId(), scope.region(), identity));
    }

    private static IdentityRecord identity(ResultSet rs) throws SQLException {
        return new IdentityRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Instant.ofEpochMilli(rs.getLong(5)));
    }

    @Override
    public void upsertIdentity(Scope scope, IdentityRecord id) {
        // ON CONFLICT keeps the row (and its seq), so an update does not move it in the list.
        update("INSERT INTO identities (account_id, region, identity, type, token, status, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, region, identity) DO UPDATE SET"
                + " type = excluded.type, token = excluded.token, status = excluded.status,"
                + " created_at = excluded.created_at",
                scope.accountId(), scope.region(), id.identity(), id.type(), id.verificationToken(), id.status(),
                id.createdAt().toEpochMilli());
    }

    @Override
    public void deleteIdentity(Scope scope, String identity) {
        update("DELETE FROM identities WHERE account_id = ? AND region = ? AND identity = ?",
                scope.accountId(), scope.region(), identity);
    }

    // --- whole store ------------------------------------------------------------------------

    @Override
    public List<Scope> scopes() {
        return query("SELECT account_id, region FROM rule_sets UNION SELECT account_id, region FROM filters"
                + " UNION SELECT account_id, region FROM identities ORDER BY 1, 2",
                rs -> new Scope(rs.getString(1), rs.getString(2)));
    }

    @Override
    public long version() {
        // Read once: in a write transaction the row is bumped only just before commit.
        if (version == null) {
            version = first(query("SELECT version FROM store_version WHERE id = 1", rs -> rs.getLong(1)))
                    .orElseThrow(() -> new StoreException("store_version row is missing", null));
        }
        return version;
    }

    // --- used by PostgresStore --------------------------------------------------------------

    boolean changed() {
        return changed;
    }

    /**
     * Bumps the version and queues the notification; PostgreSQL delivers NOTIFY only when (and
     * if) the transaction commits, so no node is woken for a write that rolled back.
     */
    long bumpVersion() {
        checkWritable();
        long next = first(query("UPDATE store_version SET version = version + 1 WHERE id = 1 RETURNING version",
                rs -> rs.getLong(1))).orElseThrow(() -> new StoreException("store_version row is missing", null));
        query("SELECT pg_notify('" + CHANNEL + "', ?)", rs -> null, Long.toString(next));
        version = next;
        return next;
    }

    /** A transaction object that escaped its work must not touch the next transaction. */
    void end() {
        ended = true;
    }

    // --- JDBC helpers -----------------------------------------------------------------------

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
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

    private void update(String sql, Object... args) {
        checkWritable();
        try (PreparedStatement ps = prepare(sql, args)) {
            if (ps.executeUpdate() > 0) {
                changed = true;
            }
        } catch (SQLException e) {
            throw new StoreException("update failed: " + e.getMessage(), e);
        }
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            for (int i = 0; i < args.length; i++) {
                if (args[i] == null) {
                    ps.setNull(i + 1, java.sql.Types.VARCHAR); // only text columns are ever null
                } else {
                    ps.setObject(i + 1, args[i]);
                }
            }
            return ps;
        } catch (SQLException e) {
            ps.close();
            throw e;
        }
    }

    private static <T> Optional<T> first(List<T> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private void checkActive() {
        if (ended) {
            throw new IllegalStateException("the store transaction has ended");
        }
    }

    private void checkWritable() {
        checkActive();
        if (readOnly) {
            throw new IllegalStateException("write in a read-only store transaction");
        }
    }
}
