package io.inlet.config.store.jdbc;

import io.inlet.config.store.IdentityRecord;
import io.inlet.config.store.RuleCodec;
import io.inlet.config.store.Scope;
import io.inlet.config.store.StoreException;
import io.inlet.rules.FilterPolicy;
import io.inlet.rules.ReceiptFilter;
import io.inlet.rules.ReceiptRule;
import io.inlet.rules.ReceiptRuleSetMetadata;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Turns rows of the shared schema into the store's records. Each mapper reads its columns by
 * position, in the order the {@link JdbcStoreTransaction} queries select them.
 */
final class StoreRows {

    private StoreRows() {
    }

    /** {@code name, created_at} */
    static ReceiptRuleSetMetadata ruleSet(ResultSet rs) throws SQLException {
        return new ReceiptRuleSetMetadata(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)));
    }

    /** {@code json} */
    static ReceiptRule rule(ResultSet rs) throws SQLException {
        try {
            return RuleCodec.decode(rs.getString(1));
        } catch (IllegalArgumentException e) {
            throw new StoreException("stored rule is unreadable: " + e.getMessage(), e);
        }
    }

    /** {@code name, policy, cidr} */
    static ReceiptFilter filter(ResultSet rs) throws SQLException {
        return new ReceiptFilter(rs.getString(1), FilterPolicy.valueOf(rs.getString(2)), rs.getString(3));
    }

    /** {@code identity, type, token, status, created_at} */
    static IdentityRecord identity(ResultSet rs) throws SQLException {
        return new IdentityRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Instant.ofEpochMilli(rs.getLong(5)));
    }

    /** {@code account_id, region} */
    static Scope scope(ResultSet rs) throws SQLException {
        return new Scope(rs.getString(1), rs.getString(2));
    }
}
