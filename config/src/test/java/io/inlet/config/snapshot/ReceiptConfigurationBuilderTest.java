package io.inlet.config.snapshot;

import io.inlet.config.store.IdentityRecord;
import io.inlet.config.store.Scope;
import io.inlet.config.store.sqlite.SqliteStore;
import io.inlet.rules.ReceiptConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** One read transaction, one version: the builder on its own. */
class ReceiptConfigurationBuilderTest {
    @TempDir
    Path dir;

    @Test
    void emptyStoreHasNoTenantsAndAScopeWithOnlyIdentitiesIsATenant() {
        try (SqliteStore store = SqliteStore.open(dir)) {
            ReceiptConfiguration empty = store.read(ReceiptConfigurationBuilder::build);
            assertThat(empty.tenants()).isEmpty();

            Scope scope = new Scope("111122223333", "eu-west-1");
            store.write(tx -> {
                tx.upsertIdentity(scope, new IdentityRecord("Example.COM", IdentityRecord.DOMAIN, "t", "Success",
                        Instant.parse("2026-01-01T00:00:00Z")));
                return null;
            });
            ReceiptConfiguration c = store.read(ReceiptConfigurationBuilder::build);
            assertThat(c.version()).isGreaterThan(empty.version());
            assertThat(c.tenants()).singleElement().satisfies(t -> {
                assertThat(t.accountId()).isEqualTo("111122223333");
                assertThat(t.region()).isEqualTo("eu-west-1");
                assertThat(t.activeRuleSet()).isEmpty();
                assertThat(t.verifiedDomains()).containsExactly("example.com"); // lower-cased even if stored otherwise
            });
        }
    }
}
