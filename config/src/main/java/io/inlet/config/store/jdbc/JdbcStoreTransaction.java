package io.inlet.config.store.jdbc;

import io.inlet.config.store.IdentityRecord;
import io.inlet.config.store.RuleCodec;
import io.inlet.config.store.Scope;
import io.inlet.config.store.SendDataPoint;
import io.inlet.config.store.StoreException;
import io.inlet.config.store.StoreTransaction;
import io.inlet.rules.ReceiptFilter;
import io.inlet.rules.ReceiptRule;
import io.inlet.rules.ReceiptRuleSetMetadata;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store primitives on the schema every JDBC store shares (the same tables, keys and
 * constraints in each database's V1 migration), inside a transaction its store opened. A
 * database's subclass supplies only what differs: the SQL of the active flag, how rule rows are
 * inserted, and how the version is bumped (with whatever change notification goes with it).
 */
public abstract class JdbcStoreTransaction implements StoreTransaction {

    /**
     * The statements on {@code rule_sets.active}, whose type differs between databases. Parameters:
     * {@code select} (account, region); {@code deactivateOthers} (account, region, name or null:
     * clears every active row but that name's); {@code activate} (account, region, name).
     */
    public record ActiveRuleSetSql(String select, String deactivateOthers, String activate) {
    }

    private static final String INSERT_RULE =
            "INSERT INTO rules (account_id, region, rule_set, position, name, json) VALUES (?, ?, ?, ?, ?, ?)";

    protected final TransactionStatements statements;
    private final ActiveRuleSetSql activeRuleSetSql;
    private Long version;

    protected JdbcStoreTransaction(TransactionStatements statements, ActiveRuleSetSql activeRuleSetSql) {
        this.statements = statements;
        this.activeRuleSetSql = activeRuleSetSql;
    }

    // --- rule sets ---------------------------------------------------------------------------

    @Override
    public List<ReceiptRuleSetMetadata> ruleSets(Scope scope) {
        return statements.query(
                "SELECT name, created_at FROM rule_sets WHERE account_id = ? AND region = ? ORDER BY seq",
                StoreRows::ruleSet, scope.accountId(), scope.region());
    }

    @Override
    public Optional<ReceiptRuleSetMetadata> ruleSet(Scope scope, String name) {
        return statements.queryFirst(
                "SELECT name, created_at FROM rule_sets WHERE account_id = ? AND region = ? AND name = ?",
                StoreRows::ruleSet, scope.accountId(), scope.region(), name);
    }

    @Override
    public void insertRuleSet(Scope scope, String name, Instant createdTimestamp) {
        statements.update("INSERT INTO rule_sets (account_id, region, name, created_at) VALUES (?, ?, ?, ?)",
                scope.accountId(), scope.region(), name, createdTimestamp.toEpochMilli());
    }

    @Override
    public void deleteRuleSet(Scope scope, String name) {
        // Its rules go by ON DELETE CASCADE; its active flag goes with the row.
        statements.update("DELETE FROM rule_sets WHERE account_id = ? AND region = ? AND name = ?",
                scope.accountId(), scope.region(), name);
    }

    @Override
    public Optional<String> activeRuleSet(Scope scope) {
        return statements.queryFirst(activeRuleSetSql.select(), rs -> rs.getString(1),
                scope.accountId(), scope.region());
    }

    @Override
    public void setActiveRuleSet(Scope scope, String name) {
        statements.checkWritable();
        if (name != null && ruleSet(scope, name).isEmpty()) {
            throw new StoreException("no rule set " + name + " in " + scope, null);
        }
        // Deactivate first: the partial unique index allows one active row at any moment. Both
        // statements touch only rows that really change, so re-activating the same set is no write.
        statements.update(activeRuleSetSql.deactivateOthers(), scope.accountId(), scope.region(), name);
        if (name != null) {
            statements.update(activeRuleSetSql.activate(), scope.accountId(), scope.region(), name);
        }
    }

    // --- rules ------------------------------------------------------------------------------

    @Override
    public List<ReceiptRule> rules(Scope scope, String ruleSet) {
        return statements.query(
                "SELECT json FROM rules WHERE account_id = ? AND region = ? AND rule_set = ? ORDER BY position",
                StoreRows::rule, scope.accountId(), scope.region(), ruleSet);
    }

    @Override
    public void replaceRules(Scope scope, String ruleSet, List<ReceiptRule> rules) {
        statements.update("DELETE FROM rules WHERE account_id = ? AND region = ? AND rule_set = ?",
                scope.accountId(), scope.region(), ruleSet);
        List<Object[]> rows = new ArrayList<>(rules.size());
        for (int position = 0; position < rules.size(); position++) {
            ReceiptRule rule = rules.get(position);
            rows.add(new Object[] {
                    scope.accountId(), scope.region(), ruleSet, position, rule.name(), RuleCodec.encode(rule)});
        }
        insertRules(INSERT_RULE, rows);
    }

    /** Runs {@code insertSql} once per row of arguments; a database with round trips to save batches them. */
    protected void insertRules(String insertSql, List<Object[]> rows) {
        for (Object[] row : rows) {
            statements.update(insertSql, row);
        }
    }

    // --- filters ----------------------------------------------------------------------------

    @Override
    public List<ReceiptFilter> filters(Scope scope) {
        // Names compare bytewise (SQLite's BINARY collation, PostgreSQL's COLLATE "C" on the column):
        // byte order of UTF-8, the same as ordinal order for SES's ASCII names.
        return statements.query(
                "SELECT name, policy, cidr FROM filters WHERE account_id = ? AND region = ? ORDER BY name",
                StoreRows::filter, scope.accountId(), scope.region());
    }

    @Override
    public void insertFilter(Scope scope, ReceiptFilter filter) {
        statements.update("INSERT INTO filters (account_id, region, name, policy, cidr) VALUES (?, ?, ?, ?, ?)",
                scope.accountId(), scope.region(), filter.name(), filter.policy().name(), filter.cidr());
    }

    @Override
    public void deleteFilter(Scope scope, String name) {
        statements.update("DELETE FROM filters WHERE account_id = ? AND region = ? AND name = ?",
                scope.accountId(), scope.region(), name);
    }

    // --- identities -------------------------------------------------------------------------

    @Override
    public List<IdentityRecord> identities(Scope scope) {
        return statements.query("SELECT identity, type, token, status, created_at FROM identities"
                + " WHERE account_id = ? AND region = ? ORDER BY seq",
                StoreRows::identity, scope.accountId(), scope.region());
    }

    @Override
    public Optional<IdentityRecord> identity(Scope scope, String identity) {
        return statements.queryFirst("SELECT identity, type, token, status, created_at FROM identities"
                + " WHERE account_id = ? AND region = ? AND identity = ?",
                StoreRows::identity, scope.accountId(), scope.region(), identity);
    }

    @Override
    public void upsertIdentity(Scope scope, IdentityRecord id) {
        // ON CONFLICT keeps the row (and its seq), so an update does not move it in the list.
        statements.update("INSERT INTO identities (account_id, region, identity, type, token, status, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, region, identity) DO UPDATE SET"
                + " type = excluded.type, token = excluded.token, status = excluded.status,"
                + " created_at = excluded.created_at",
                scope.accountId(), scope.region(), id.identity(), id.type(), id.verificationToken(), id.status(),
                id.createdAt().toEpochMilli());
    }

    @Override
    public void deleteIdentity(Scope scope, String identity) {
        // Its attributes (DKIM keys, MAIL FROM, notifications, policies) go by ON DELETE CASCADE.
        statements.update("DELETE FROM identities WHERE account_id = ? AND region = ? AND identity = ?",
                scope.accountId(), scope.region(), identity);
    }

    // --- identity attributes ------------------------------------------------------------------

    @Override
    public Map<String, String> identityAttributes(Scope scope, String identity) {
        // Ordered by name (bytewise, as the filters): policies then list in a stable order.
        Map<String, String> attributes = new LinkedHashMap<>();
        statements.query("SELECT name, json FROM identity_attributes"
                        + " WHERE account_id = ? AND region = ? AND identity = ? ORDER BY name",
                rs -> attributes.put(rs.getString(1), rs.getString(2)),
                scope.accountId(), scope.region(), identity);
        return attributes;
    }

    @Override
    public Optional<String> identityAttribute(Scope scope, String identity, String name) {
        return statements.queryFirst("SELECT json FROM identity_attributes"
                        + " WHERE account_id = ? AND region = ? AND identity = ? AND name = ?",
                rs -> rs.getString(1), scope.accountId(), scope.region(), identity, name);
    }

    @Override
    public void putIdentityAttribute(Scope scope, String identity, String name, String json) {
        // The foreign key refuses an unknown identity (a StoreException, rolling the write back).
        // The WHERE on the update: rewriting the same document changes no row, so bumps no version.
        statements.update("INSERT INTO identity_attributes (account_id, region, identity, name, json)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (account_id, region, identity, name)"
                        + " DO UPDATE SET json = excluded.json WHERE identity_attributes.json <> excluded.json",
                scope.accountId(), scope.region(), identity, name, json);
    }

    @Override
    public boolean deleteIdentityAttribute(Scope scope, String identity, String name) {
        statements.checkWritable();
        boolean existed = identityAttribute(scope, identity, name).isPresent();
        if (existed) {
            statements.update("DELETE FROM identity_attributes"
                            + " WHERE account_id = ? AND region = ? AND identity = ? AND name = ?",
                    scope.accountId(), scope.region(), identity, name);
        }
        return existed;
    }

    // --- sending statistics ------------------------------------------------------------------

    @Override
    public void addSendActivity(Scope scope, SendDataPoint d) {
        statements.updateUnversioned("INSERT INTO send_statistics (account_id, region, interval_start,"
                        + " delivery_attempts, bounces, complaints, rejects) VALUES (?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (account_id, region, interval_start) DO UPDATE SET"
                        + " delivery_attempts = send_statistics.delivery_attempts + excluded.delivery_attempts,"
                        + " bounces = send_statistics.bounces + excluded.bounces,"
                        + " complaints = send_statistics.complaints + excluded.complaints,"
                        + " rejects = send_statistics.rejects + excluded.rejects",
                scope.accountId(), scope.region(), d.timestamp().toEpochMilli(), d.deliveryAttempts(), d.bounces(),
                d.complaints(), d.rejects());
    }

    @Override
    public List<SendDataPoint> sendActivity(Scope scope, Instant since) {
        return statements.query("SELECT interval_start, delivery_attempts, bounces, complaints, rejects"
                        + " FROM send_statistics WHERE account_id = ? AND region = ? AND interval_start >= ?"
                        + " ORDER BY interval_start",
                rs -> new SendDataPoint(Instant.ofEpochMilli(rs.getLong(1)), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), rs.getLong(5)),
                scope.accountId(), scope.region(), since.toEpochMilli());
    }

    @Override
    public void deleteSendActivityBefore(Instant before) {
        statements.updateUnversioned("DELETE FROM send_statistics WHERE interval_start < ?", before.toEpochMilli());
    }

    // --- whole store ------------------------------------------------------------------------

    @Override
    public List<Scope> scopes() {
        return statements.query(
                "SELECT account_id, region FROM rule_sets UNION SELECT account_id, region FROM filters"
                + " UNION SELECT account_id, region FROM identities ORDER BY 1, 2",
                StoreRows::scope);
    }

    @Override
    public long version() {
        // Read once: in a write transaction the row is bumped only just before commit, so this stays the start.
        if (version == null) {
            version = readVersion();
        }
        return version;
    }

    /**
     * Bumps the version; its store calls this just before commit when the write changed something.
     * From then on {@link #version()} reports the new version.
     */
    public final long bumpVersion() {
        statements.checkWritable();
        version = incrementVersion();
        return version;
    }

    /** Adds one to {@code store_version} and returns the new version. */
    protected abstract long incrementVersion();

    /** The version as the row holds it now, within this transaction. */
    protected final long readVersion() {
        return statements.queryFirst("SELECT version FROM store_version WHERE id = 1", rs -> rs.getLong(1))
                .orElseThrow(JdbcStoreTransaction::versionRowMissing);
    }

    protected static StoreException versionRowMissing() {
        return new StoreException("store_version row is missing", null);
    }
}
