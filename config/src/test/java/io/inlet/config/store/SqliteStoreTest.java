package io.inlet.config.store;

import io.inlet.config.store.sqlite.SqliteStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What only the embedded SQLite store promises; the store contract runs in {@link SqliteStoreContractTest}. */
class SqliteStoreTest extends StoreContract {

    static Store open(Path dir) {
        return SqliteStore.open(dir.resolve("data").resolve("store")); // a directory that does not exist yet
    }

    @Override
    protected Store openStore(Path dir) {
        return open(dir);
    }

    private Path dbFile() {
        return dir.resolve("data").resolve("store").resolve(SqliteStore.DB_FILE);
    }

    private Connection rawConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dbFile());
    }

    @Test
    void createsTheDirectoryAndADatabaseInWalMode() throws Exception {
        assertThat(dbFile()).isRegularFile();
        try (Connection c = rawConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void theSchemaItselfAllowsOneActiveSetPerScope() throws Exception {
        write(tx -> {
            tx.insertRuleSet(US, "a", T0);
            tx.insertRuleSet(US, "b", T0);
            tx.insertRuleSet(EU, "a", T0);
            tx.setActiveRuleSet(US, "a");
        });

        try (Connection c = rawConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate(
                    "UPDATE rule_sets SET active = 1 WHERE region = 'us-east-1' AND name = 'b'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("UNIQUE");
            // Another region has its own active set.
            assertThat(s.executeUpdate("UPDATE rule_sets SET active = 1 WHERE region = 'eu-west-1'")).isEqualTo(1);
        }
        assertThat(activeRuleSet(EU)).contains("a");
    }

    @Test
    void reopeningMigratesNothingTwice() {
        write(tx -> tx.insertRuleSet(US, "s", T0));
        store = reopen(store, dir);
        store = reopen(store, dir);
        assertThat(ruleSets(US)).hasSize(1);
    }

    /**
     * A write is committed once {@code write} returns: a JVM killed right after (no close, no
     * checkpoint; the data is only in the WAL) must not lose it.
     */
    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aCommittedWriteSurvivesAHardKill() throws Exception {
        store.close();
        store = null;
        Path storeDir = dbFile().getParent();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                KillableWriterMain.class.getName(), storeDir.toString())
                .redirectErrorStream(true)
                .start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals(KillableWriterMain.COMMITTED)) {
                output.append(line).append('\n');
            }
            assertThat(line).as("child output:\n%s", output).isEqualTo(KillableWriterMain.COMMITTED);
            assertThat(Files.size(storeDir.resolve(SqliteStore.DB_FILE + "-wal")))
                    .as("the commit sits in the WAL, not yet checkpointed").isPositive();
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).as("killed, not exited").isNotZero();

        store = openStore(dir);

        assertThat(ruleSets(US)).extracting(r -> r.name()).containsExactly("survivor");
        assertThat(rules(US, "survivor")).containsExactly(rule("r1"), rule("r2"));
        assertThat(activeRuleSet(US)).contains("survivor");
        assertThat(filters(US)).extracting(f -> f.name()).containsExactly("kept");
        assertThat(version()).isEqualTo(1);
        assertThat(scopes()).isEqualTo(List.of(US));
    }
}
