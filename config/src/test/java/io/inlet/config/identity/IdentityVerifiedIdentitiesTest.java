package io.inlet.config.identity;

import io.inlet.config.store.IdentityRecord;
import io.inlet.config.store.Scope;
import io.inlet.config.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link StoreVerifiedIdentities}: Success addresses, and domains covered by a Success domain or parent. */
class IdentityVerifiedIdentitiesTest {
    static final Scope EAST = new Scope("123456789012", "us-east-1");
    static final Scope WEST = new Scope("123456789012", "us-west-2");

    @TempDir
    Path dir;
    SqliteStore store;
    StoreVerifiedIdentities verified;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir);
        verified = new StoreVerifiedIdentities(store);
        store.write(tx -> {
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            tx.upsertIdentity(EAST, new IdentityRecord("example.com", IdentityRecord.DOMAIN, "tok", "Success", t));
            tx.upsertIdentity(EAST, new IdentityRecord("pending.org", IdentityRecord.DOMAIN, "tok", "Pending", t));
            tx.upsertIdentity(EAST, new IdentityRecord("Boss@company.net", IdentityRecord.EMAIL_ADDRESS, null, "Success", t));
            tx.upsertIdentity(EAST, new IdentityRecord("wait@company.net", IdentityRecord.EMAIL_ADDRESS, null, "Pending", t));
            return null;
        });
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void domainAndParentDomain() {
        assertThat(verified.isVerified(EAST, "example.com")).isTrue();
        assertThat(verified.isVerified(EAST, "EXAMPLE.COM")).isTrue();
        assertThat(verified.isVerified(EAST, "mail.example.com")).isTrue();
        assertThat(verified.isVerified(EAST, "a.b.example.com")).isTrue();
        assertThat(verified.isVerified(EAST, "anyone@example.com")).isTrue();
        assertThat(verified.isVerified(EAST, "anyone@Deep.Sub.Example.com")).isTrue();
        assertThat(verified.isVerified(EAST, "notexample.com")).isFalse();
        assertThat(verified.isVerified(EAST, "com")).isFalse();
    }

    @Test
    void pendingDomainsAndAddressesDoNotCount() {
        assertThat(verified.isVerified(EAST, "pending.org")).isFalse();
        assertThat(verified.isVerified(EAST, "x@pending.org")).isFalse();
        assertThat(verified.isVerified(EAST, "wait@company.net")).isFalse();
    }

    @Test
    void addressIdentityCoversItselfOnly() {
        assertThat(verified.isVerified(EAST, "Boss@company.net")).isTrue();
        assertThat(verified.isVerified(EAST, "Boss@COMPANY.net")).isTrue();
        assertThat(verified.isVerified(EAST, "boss@company.net")).isFalse(); // local part is case-sensitive
        assertThat(verified.isVerified(EAST, "other@company.net")).isFalse();
        assertThat(verified.isVerified(EAST, "company.net")).isFalse();
    }

    @Test
    void scopedAndNullSafe() {
        assertThat(verified.isVerified(WEST, "example.com")).isFalse();
        assertThat(verified.isVerified(EAST, "")).isFalse();
        assertThat(verified.isVerified(EAST, null)).isFalse();
    }
}
