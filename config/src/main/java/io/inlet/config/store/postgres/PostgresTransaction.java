package io.inlet.config.store.postgres;

import io.inlet.config.store.jdbc.JdbcStoreTransaction;
import io.inlet.config.store.jdbc.TransactionStatements;

import java.util.List;

/**
 * The store primitives in PostgreSQL's dialect, on one pooled connection, inside the transaction
 * {@link PostgresStore} opened. A failed statement aborts a PostgreSQL transaction, so the
 * {@code StoreException} it raises always ends the whole write. Its own parts: the boolean active
 * flag, rule rows in one batch, and a version bump that notifies every node.
 */
final class PostgresTransaction extends JdbcStoreTransaction {

    /** The channel every node LISTENs on; a notification only says "look at the version". */
    static final String CHANNEL = "inlet_store_changes";

    // The CAST gives the parameter a type even when it is null ("all but null" clears every active row).
    private static final ActiveRuleSetSql ACTIVE_RULE_SET = new ActiveRuleSetSql(
            "SELECT name FROM rule_sets WHERE account_id = ? AND region = ? AND active",
            "UPDATE rule_sets SET active = FALSE WHERE account_id = ? AND region = ? AND active"
                    + " AND name IS DISTINCT FROM CAST(? AS TEXT)",
            "UPDATE rule_sets SET active = TRUE WHERE account_id = ? AND region = ? AND name = ? AND NOT active");

    PostgresTransaction(TransactionStatements statements) {
        super(statements, ACTIVE_RULE_SET);
    }

    @Override
    protected void insertRules(String insertSql, List<Object[]> rows) {
        // One batch, one round trip: a set may hold 200 rules.
        statements.batch(insertSql, rows);
    }

    /**
     * Bumps the version and queues the notification; PostgreSQL delivers NOTIFY only when (and
     * if) the transaction commits, so no node is woken for a write that rolled back.
     */
    @Override
    protected long incrementVersion() {
        long next = statements.queryFirst(
                "UPDATE store_version SET version = version + 1 WHERE id = 1 RETURNING version", rs -> rs.getLong(1))
                .orElseThrow(JdbcStoreTransaction::versionRowMissing);
        statements.query("SELECT pg_notify('" + CHANNEL + "', ?)", rs -> null, Long.toString(next));
        return next;
    }
}
