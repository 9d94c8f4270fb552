package io.inlet.config.identity;

import io.inlet.config.store.Scope;
import io.inlet.config.store.Store;
import io.inlet.config.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the identity operation tests against a real (loopback) DNS responder share: a store of their
 * own, the responder, a clock they move, and the operations as the daemon registers them.
 */
abstract class LoopbackDnsOperationsFixture {
    static final Scope EAST = new Scope("123456789012", "us-east-1");

    @TempDir
    Path dir;
    Store store;
    LoopbackDnsServer dns;
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @BeforeEach
    void open() throws Exception {
        store = SqliteStore.open(dir);
        dns = new LoopbackDnsServer();
    }

    @AfterEach
    void close() throws Exception {
        dns.close();
        store.close();
    }

    ApiCalls api(VerificationMode mode) {
        IdentitySettings settings = new IdentitySettings(mode, null, null,
                List.of("127.0.0.1:" + dns.address().getPort()), Duration.ofMillis(300));
        DomainVerificationChecker checker = new DnsDomainVerificationChecker(dns.resolver(Duration.ofMillis(300)));
        return new ApiCalls(new IdentityOperations(store, settings, checker, clock).operations());
    }

    /** The parameters naming {@code identities} as a list: Identities.member.1, the first, and so on. */
    static String[] identityMembers(String... identities) {
        String[] params = new String[identities.length * 2];
        for (int i = 0; i < identities.length; i++) {
            params[2 * i] = "Identities.member." + (i + 1);
            params[2 * i + 1] = identities[i];
        }
        return params;
    }
}
