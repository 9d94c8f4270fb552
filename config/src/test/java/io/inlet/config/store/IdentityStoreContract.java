package io.inlet.config.store;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store contract for identities and the attribute documents kept per identity. */
public abstract class IdentityStoreContract extends StoreContract {

    // --- identities ---------------------------------------------------------------------------

    @Test
    void identitiesAreListedInCreationOrderAndUpsertKeepsThePlace() {
        IdentityRecord domain = new IdentityRecord("zeta.example.com", IdentityRecord.DOMAIN, "tok123", "Pending", T0);
        IdentityRecord address = new IdentityRecord("a@example.com", IdentityRecord.EMAIL_ADDRESS, null, "Pending",
                T0.plusMillis(1));
        IdentityRecord other = new IdentityRecord("m.example.com", IdentityRecord.DOMAIN, "tok456", "Success",
                T0.minusSeconds(60));
        write(tx -> {
            tx.upsertIdentity(US, domain);
            tx.upsertIdentity(US, address);
        });
        write(tx -> tx.upsertIdentity(US, other));
        assertThat(identities(US)).containsExactly(domain, address, other);

        IdentityRecord verified = domain.withStatus("Success");
        write(tx -> tx.upsertIdentity(US, verified));

        assertThat(identities(US)).containsExactly(verified, address, other);
        assertThat(identity(US, "zeta.example.com")).contains(verified);
        assertThat(identity(US, "a@example.com").map(IdentityRecord::verificationToken))
                .isEqualTo(Optional.empty());
        assertThat(identity(US, "ZETA.example.com")).isEmpty();
    }

    @Test
    void identityDeletes() {
        IdentityRecord id = new IdentityRecord("example.com", IdentityRecord.DOMAIN, "t", "Pending", T0);
        write(tx -> tx.upsertIdentity(US, id));

        write(tx -> tx.deleteIdentity(US, "example.com"));

        assertThat(identities(US)).isEmpty();
        assertThat(identity(US, "example.com")).isEmpty();
    }

    // --- identity attributes ------------------------------------------------------------------

    protected Optional<String> identityAttribute(Scope scope, String identity, String name) {
        return store.read(tx -> tx.identityAttribute(scope, identity, name));
    }

    protected boolean deleteIdentityAttribute(Scope scope, String identity, String name) {
        return store.write(tx -> tx.deleteIdentityAttribute(scope, identity, name));
    }

    private void domainIdentity(Scope scope, String domain) {
        write(tx -> tx.upsertIdentity(scope, new IdentityRecord(domain, IdentityRecord.DOMAIN, "t", "Pending", T0)));
    }


    @Test
    void identityAttributesRoundTripByNameInBytewiseOrder() {
        domainIdentity(US, "example.com");
        write(tx -> {
            tx.putIdentityAttribute(US, "example.com", "policy:b", "{\"p\":2}");
            tx.putIdentityAttribute(US, "example.com", "dkim", "{\"enabled\":true}");
            tx.putIdentityAttribute(US, "example.com", "policy:B", "{\"p\":1}");
        });

        assertThat(identityAttributes(US, "example.com")).containsExactly(
                Map.entry("dkim", "{\"enabled\":true}"), Map.entry("policy:B", "{\"p\":1}"),
                Map.entry("policy:b", "{\"p\":2}"));
        assertThat(identityAttribute(US, "example.com", "dkim")).contains("{\"enabled\":true}");
        assertThat(identityAttribute(US, "example.com", "mailFrom")).isEmpty();
        assertThat(identityAttributes(US, "unknown.example.com")).isEmpty();
    }

    @Test
    void putIdentityAttributeReplacesAndAnUnchangedDocumentBumpsNoVersion() {
        domainIdentity(US, "example.com");
        write(tx -> tx.putIdentityAttribute(US, "example.com", "mailFrom", "{\"v\":1}"));
        write(tx -> tx.putIdentityAttribute(US, "example.com", "mailFrom", "{\"v\":2}"));
        long v = version();

        write(tx -> tx.putIdentityAttribute(US, "example.com", "mailFrom", "{\"v\":2}"));

        assertThat(version()).isEqualTo(v);
        assertThat(identityAttributes(US, "example.com")).containsExactly(Map.entry("mailFrom", "{\"v\":2}"));
    }

    @Test
    void anAttributeOfAnUnknownIdentityIsRefusedAndRollsBackTheWrite() {
        domainIdentity(US, "example.com");
        long v = version();

        assertThatThrownBy(() -> write(tx -> {
            tx.putIdentityAttribute(US, "example.com", "dkim", "{}");
            tx.putIdentityAttribute(EU, "example.com", "dkim", "{}"); // the identity is US's only
        })).isInstanceOf(StoreException.class);

        assertThat(identityAttributes(US, "example.com")).isEmpty();
        assertThat(version()).isEqualTo(v);
    }

    @Test
    void deleteIdentityAttributeSaysWhetherItExisted() {
        domainIdentity(US, "example.com");
        write(tx -> {
            tx.putIdentityAttribute(US, "example.com", "policy:a", "{}");
            tx.putIdentityAttribute(US, "example.com", "policy:b", "{}");
        });

        assertThat(deleteIdentityAttribute(US, "example.com", "policy:a")).isTrue();
        long v = version();
        assertThat(deleteIdentityAttribute(US, "example.com", "policy:a")).isFalse();
        assertThat(deleteIdentityAttribute(US, "nope.example.com", "policy:b")).isFalse();

        assertThat(version()).isEqualTo(v);
        assertThat(identityAttributes(US, "example.com")).containsOnlyKeys("policy:b");
    }

    @Test
    void deletingTheIdentityDeletesItsAttributesButReverifyingKeepsThem() {
        domainIdentity(US, "example.com");
        domainIdentity(EU, "example.com");
        write(tx -> {
            tx.putIdentityAttribute(US, "example.com", "dkim", "{\"us\":1}");
            tx.putIdentityAttribute(EU, "example.com", "dkim", "{\"eu\":1}");
        });

        domainIdentity(US, "example.com"); // an upsert (VerifyDomainIdentity again) is no delete
        assertThat(identityAttribute(US, "example.com", "dkim")).contains("{\"us\":1}");

        write(tx -> tx.deleteIdentity(US, "example.com"));
        domainIdentity(US, "example.com");

        assertThat(identityAttributes(US, "example.com")).isEmpty();
        assertThat(identityAttributes(EU, "example.com")).containsOnlyKeys("dkim");
    }

    @Test
    void readTransactionsRefuseAttributeWrites() {
        domainIdentity(US, "example.com");
        assertThatThrownBy(() -> store.read(tx -> {
            tx.putIdentityAttribute(US, "example.com", "dkim", "{}");
            return null;
        })).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.read(tx -> tx.deleteIdentityAttribute(US, "example.com", "dkim")))
                .isInstanceOf(IllegalStateException.class);
    }
}
