package io.inlet.config.store.postgres;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/**
 * The test PostgreSQL of {@code .ci/services/postgresql.sh}: {@code INLET_TEST_PG_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/inlet_test}), user and password {@code inlet} (or
 * {@code INLET_TEST_PG_USER}/{@code INLET_TEST_PG_PASSWORD}). Each test gets a schema of its own,
 * so tests and classes never see each other's rows. When the server is unreachable the test is
 * skipped, unless {@code INLET_TEST_SERVICES_REQUIRED} is set (CI), where it fails.
 */
final class TestPostgres {

    static final String URL = env("INLET_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/inlet_test");
    static final String USER = env("INLET_TEST_PG_USER", "inlet");
    static final String PASSWORD = env("INLET_TEST_PG_PASSWORD", "inlet");

    private TestPostgres() {
    }

    /** A new, empty schema; skips (or, in CI, fails) the test when PostgreSQL is unreachable. */
    static Schema newSchema() {
        String name = "inlet_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = connect(URL); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + name);
        } catch (SQLException e) {
            String message = "PostgreSQL is not reachable at " + URL + " as " + USER
                    + " (start it with .ci/services/postgresql.sh): " + e.getMessage();
            if (System.getenv("INLET_TEST_SERVICES_REQUIRED") != null) {
                throw new AssertionError(message, e);
            }
            Assumptions.abort(message);
        }
        return new Schema(name);
    }

    static Connection connect(String url) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("password", PASSWORD);
        props.setProperty("connectTimeout", "3");
        return DriverManager.getConnection(url, props);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** One test's schema: a URL whose connections use it, and a way to drop it. */
    record Schema(String name) {

        String url() {
            return withSchema(URL, name);
        }

        PostgresSettings settings() {
            return new PostgresSettings(url(), USER, PASSWORD, 4);
        }

        Connection connect() throws SQLException {
            return TestPostgres.connect(url());
        }

        void drop() {
            try (Connection c = TestPostgres.connect(URL); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop test schema " + name, e);
            }
        }
    }

    static String withSchema(String url, String schema) {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
