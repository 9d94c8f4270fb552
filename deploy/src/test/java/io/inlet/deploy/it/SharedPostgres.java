package io.inlet.deploy.it;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * A schema of its own in the test PostgreSQL of {@code .ci/services/postgresql.sh}
 * ({@code INLET_TEST_PG_URL}, default {@code jdbc:postgresql://127.0.0.1:5432/inlet_test}, user and
 * password {@code inlet}, or {@code INLET_TEST_PG_USER}/{@code INLET_TEST_PG_PASSWORD}), and the
 * daemon settings that point a node at it. Unreachable server: the test is skipped, or fails
 * when {@code INLET_TEST_SERVICES_REQUIRED} is set (CI).
 */
final class SharedPostgres implements AutoCloseable {

    static final String URL = env("INLET_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/inlet_test");
    static final String USER = env("INLET_TEST_PG_USER", "inlet");
    static final String PASSWORD = env("INLET_TEST_PG_PASSWORD", "inlet");

    private final String schema;

    private SharedPostgres(String schema) {
        this.schema = schema;
    }

    static SharedPostgres createSchema() {
        String schema = "inlet_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            String message = "PostgreSQL is not reachable at " + URL + " as " + USER
                    + " (start it with .ci/services/postgresql.sh): " + e.getMessage();
            if (System.getenv("INLET_TEST_SERVICES_REQUIRED") != null) {
                throw new AssertionError(message, e);
            }
            Assumptions.abort(message);
        }
        return new SharedPostgres(schema);
    }

    /** The store keys for a node using this schema. */
    Map<String, String> nodeSettings() {
        Map<String, String> keys = new HashMap<>();
        keys.put("store.url", URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        keys.put("store.username", USER);
        keys.put("store.password", PASSWORD);
        keys.put("store.pool-size", "4");
        return keys;
    }

    private static Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("password", PASSWORD);
        props.setProperty("connectTimeout", "3");
        return DriverManager.getConnection(URL, props);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
