package io.inlet.engine.snapshot;

import io.inlet.engine.snapshot.RecipientDecision.Accepted;
import io.inlet.engine.snapshot.RecipientDecision.Rejected;
import io.inlet.rules.ReceiptConfiguration;
import io.inlet.rules.TenantConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.inlet.engine.snapshot.Fixtures.disabled;
import static io.inlet.engine.snapshot.Fixtures.ip;
import static io.inlet.engine.snapshot.Fixtures.list;
import static io.inlet.engine.snapshot.Fixtures.names;
import static io.inlet.engine.snapshot.Fixtures.rule;
import static io.inlet.engine.snapshot.Fixtures.tenant;
import static io.inlet.engine.snapshot.Fixtures.tlsRule;
import static org.assertj.core.api.Assertions.assertThat;

class CompiledSnapshotTest {

    private static final Set<String> REGIONS = Set.of("us-east-1");
    private static final Set<String> DOMAIN = Set.of("example.com");

    /**
     * Two accounts receive for example.com. Account A blocks 10.0.0.0/8 and requires TLS for
     * tls@; account B blocks 172.16.0.0/12 and takes shared@ and bonly@.
     */
    private static CompiledSnapshot twoTenants() {
        TenantConfiguration a = tenant("A", "us-east-1", "Block 10.0.0.0/8; Allow 10.0.0.7", DOMAIN,
                rule("a-shared", "shared@example.com"),
                tlsRule("a-tls", "tls@example.com"),
                rule("a-only", "aonly@example.com"),
                tlsRule("a-tls-shared", "tlsshared@example.com"));
        TenantConfiguration b = tenant("B", "us-east-1", "Block 172.16.0.0/12", DOMAIN,
                rule("b-shared", "shared@example.com"),
                rule("b-only", "bonly@example.com"),
                rule("b-tls-shared", "tlsshared@example.com"),
                disabled("b-off", "off@example.com"));
        return new CompiledSnapshot(new ReceiptConfiguration(7, List.of(a, b)), REGIONS);
    }

    @ParameterizedTest(name = "{1} from {0} tls={2} → {3} {4}")
    @CsvSource(delimiter = '|', textBlock = """
            192.0.2.1   | shared@example.com    | false | ACCEPTED          | A,B
            10.0.0.1    | shared@example.com    | false | ACCEPTED          | B
            172.16.0.1  | shared@example.com    | false | ACCEPTED          | A
            10.0.0.1    | aonly@example.com     | false | BLOCKED_BY_FILTER |
            10.0.0.7    | aonly@example.com     | false | ACCEPTED          | A
            172.16.0.1  | aonly@example.com     | false | ACCEPTED          | A
            192.0.2.1   | tls@example.com       | false | TLS_REQUIRED      |
            192.0.2.1   | tls@example.com       | true  | ACCEPTED          | A
            10.0.0.1    | tls@example.com       | false | BLOCKED_BY_FILTER |
            10.0.0.1    | tls@example.com       | true  | BLOCKED_BY_FILTER |
            192.0.2.1   | tlsshared@example.com | false | ACCEPTED          | B
            192.0.2.1   | tlsshared@example.com | true  | ACCEPTED          | A,B
            172.16.0.1  | tlsshared@example.com | false | TLS_REQUIRED      |
            172.16.0.1  | tlsshared@example.com | true  | ACCEPTED          | A
            192.0.2.1   | nobody@example.com    | false | NO_RULE           |
            10.0.0.1    | nobody@example.com    | false | NO_RULE           |
            192.0.2.1   | off@example.com       | false | NO_RULE           |
            192.0.2.1   | shared@other.org      | false | NO_RULE           |
            192.0.2.1   | not-an-address        | false | NO_RULE           |
            """)
    void decidePrecedence(String client, String recipient, boolean tls, String outcome, String tenants) {
        RecipientDecision d = twoTenants().decide(ip(client), recipient, tls);
        if (outcome.equals("ACCEPTED")) {
            assertThat(d).isInstanceOf(Accepted.class);
            assertThat(((Accepted) d).tenants()).extracting(t -> t.tenant().accountId())
                    .containsExactlyElementsOf(list(tenants));
        } else {
            assertThat(d).isEqualTo(Rejected.valueOf(outcome));
            assertThat(d.accepted()).isFalse();
        }
    }

    @Test
    void acceptedCarriesTheMatchingRulesPerTenant() {
        Accepted d = (Accepted) twoTenants().decide(ip("192.0.2.1"), "Shared@Example.com", false);
        assertThat(d.tenants()).hasSize(2);
        assertThat(names(d.tenants().get(0).rules())).containsExactly("a-shared");
        assertThat(names(d.tenants().get(1).rules())).containsExactly("b-shared");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            BLOCKED_BY_FILTER | 550 5.7.1 IP address blacklisted by recipient
            NO_RULE           | 550 5.1.1 Requested action not taken: mailbox unavailable
            TLS_REQUIRED      | 550 5.7.1 TLS required by recipient
            """)
    void rejectionsCarrySesReplies(Rejected rejection, String reply) {
        assertThat(rejection.reply()).isEqualTo(reply);
        assertThat(rejection.code() + " " + rejection.message()).isEqualTo(reply);
    }

    @Test
    void tenantsOfOtherRegionsAreIgnored() {
        TenantConfiguration east = tenant("A", "us-east-1", "", DOMAIN, rule("east", "e@example.com"));
        TenantConfiguration west = tenant("A", "us-west-2", "", DOMAIN, rule("west", "w@example.com"));
        TenantConfiguration nowhere = new TenantConfiguration("C", null, Optional.empty(), List.of(), DOMAIN);
        CompiledSnapshot s = new CompiledSnapshot(new ReceiptConfiguration(3, List.of(east, west, nowhere)), REGIONS);

        assertThat(s.version()).isEqualTo(3);
        assertThat(s.tenants()).extracting(CompiledTenant::region).containsExactly("us-east-1");
        assertThat(s.tenant("A", "us-east-1")).isPresent();
        assertThat(s.tenant("A", "us-west-2")).isEmpty();
        assertThat(s.decide(ip("192.0.2.1"), "e@example.com", false).accepted()).isTrue();
        assertThat(s.decide(ip("192.0.2.1"), "w@example.com", false)).isEqualTo(Rejected.NO_RULE);
    }

    @Test
    void tenantWithoutActiveSetReceivesNothing() {
        TenantConfiguration idle = new TenantConfiguration("A", "us-east-1", Optional.empty(), List.of(), DOMAIN);
        CompiledSnapshot s = new CompiledSnapshot(new ReceiptConfiguration(1, List.of(idle)), REGIONS);
        assertThat(s.decide(ip("192.0.2.1"), "a@example.com", true)).isEqualTo(Rejected.NO_RULE);
        assertThat(s.tenants().get(0).ruleSetName()).isEmpty();
    }

    @Test
    void emptySnapshotRejectsEverything() {
        CompiledSnapshot s = CompiledSnapshot.empty(REGIONS);
        assertThat(s.version()).isEqualTo(CompiledSnapshot.INITIAL_VERSION);
        assertThat(s.decide(ip("192.0.2.1"), "a@example.com", true)).isEqualTo(Rejected.NO_RULE);
    }
}
