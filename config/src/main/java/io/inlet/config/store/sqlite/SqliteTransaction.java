package io.inlet.config.store.sqlite;

import io.inlet.config.store.jdbc.JdbcStoreTransaction;
import io.inlet.config.store.jdbc.TransactionStatements;

/**
 * The store primitives in SQLite's dialect, inside the transaction {@link SqliteStore} opened.
 * Only the active flag's SQL and the version bump are SQLite's own; the rest is the shared schema's.
 */
final class SqliteTransaction extends JdbcStoreTransaction {

    // SQLite has no boolean type: the flag is 0 or 1 (a CHECK keeps it so), and IS NOT is its
    // null-safe inequality, so deactivating "all but null" clears every active row.
    private static final ActiveRuleSetSql ACTIVE_RULE_SET = new ActiveRuleSetSql(
            "SELECT name FROM rule_sets WHERE account_id = ? AND region = ? AND active = 1",
            "UPDATE rule_sets SET active = 0 WHERE account_id = ? AND region = ? AND active = 1 AND name IS NOT ?",
            "UPDATE rule_sets SET active = 1 WHERE account_id = ? AND region = ? AND name = ? AND active = 0");

    SqliteTransaction(TransactionStatements statements) {
        super(statements, ACTIVE_RULE_SET);
    }

    @Override
    protected long incrementVersion() {
        // Read back in this transaction, which sees its own increment.
        statements.update("UPDATE store_version SET version = version + 1 WHERE id = 1");
        return readVersion();
    }
}
