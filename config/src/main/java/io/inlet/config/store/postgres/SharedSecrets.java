package io.inlet.config.store.postgres;

import io.inlet.config.store.StoreException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Secrets every node must agree on (the generated API key pair): kept in {@code shared_secrets}
 * rather than on one node's disk. Two nodes starting at once may both generate a candidate; the
 * primary key lets exactly one INSERT win and both then read the winner.
 */
final class SharedSecrets {

    private final DataSource pool;

    SharedSecrets(DataSource pool) {
        this.pool = pool;
    }

    String getOrCreate(String name, Supplier<String> generator) {
        try (Connection c = pool.getConnection()) {
            try {
                // READ COMMITTED (the pool's default): the SELECT after a lost race sees the winner.
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO shared_secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
                    insert.setString(1, name);
                    insert.setString(2, generator.get());
                    insert.executeUpdate();
                }
                c.commit();
                try (PreparedStatement select = c.prepareStatement("SELECT value FROM shared_secrets WHERE name = ?")) {
                    select.setString(1, name);
                    try (ResultSet rs = select.executeQuery()) {
                        if (!rs.next()) {
                            throw new StoreException("shared secret " + name + " vanished after it was stored", null);
                        }
                        String value = rs.getString(1);
                        c.commit();
                        return value;
                    }
                }
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read or store the shared secret " + name + ": " + e.getMessage(), e);
        }
    }
}
