package io.inlet.engine.smtp;

import io.inlet.engine.message.RulePlan;
import io.inlet.engine.message.TenantPlan;
import io.inlet.engine.snapshot.CompiledSnapshot;
import io.inlet.engine.snapshot.RecipientDecision;
import io.inlet.rules.ReceiptConfiguration;
import io.inlet.rules.ReceiptRuleSet;
import io.inlet.rules.TenantConfiguration;
import io.inlet.rules.TlsPolicy;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.inlet.engine.smtp.SmtpFixtures.rule;
import static org.assertj.core.api.Assertions.assertThat;

class SmtpTenantPlansTest {

    @Test
    void groupsRulesPerTenantInConfigurationAndRuleOrderWithRecipientsInRcptOrder() throws Exception {
        TenantConfiguration first = new TenantConfiguration("A", "us-east-1", Optional.of(new ReceiptRuleSet("set-a",
                Instant.EPOCH, List.of(
                        rule("a-all", true, TlsPolicy.Optional),
                        rule("a-off", false, TlsPolicy.Optional, "example.com"),
                        rule("a-shared", true, TlsPolicy.Optional, "shared@example.com")))),
                List.of(), Set.of("example.com"));
        TenantConfiguration second = new TenantConfiguration("B", "us-east-1", Optional.of(new ReceiptRuleSet("set-b",
                Instant.EPOCH, List.of(rule("b-shared", true, TlsPolicy.Optional, "shared@example.com")))),
                List.of(), Set.of("example.com"));
        // B is listed first in the configuration
        CompiledSnapshot snapshot = new CompiledSnapshot(new ReceiptConfiguration(3, List.of(second, first)),
                Set.of("us-east-1"));

        List<TenantPlans.AcceptedRecipient> accepted = new ArrayList<>();
        for (String recipient : List.of("zed@example.com", "shared@example.com", "amy@example.com")) {
            RecipientDecision decision = snapshot.decide(InetAddress.getByName("192.0.2.1"), recipient, false);
            accepted.add(new TenantPlans.AcceptedRecipient(recipient, ((RecipientDecision.Accepted) decision).tenants()));
        }
        List<TenantPlan> plans = TenantPlans.of(snapshot, accepted);

        assertThat(plans).extracting(TenantPlan::accountId).containsExactly("B", "A");
        assertThat(plans.get(0).ruleSetName()).isEqualTo("set-b");
        assertThat(plans.get(0).rules()).extracting(RulePlan::index, r -> r.rule().name(), RulePlan::recipients)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, "b-shared", List.of("shared@example.com")));
        assertThat(plans.get(1).rules()).extracting(RulePlan::index, r -> r.rule().name(), RulePlan::recipients)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0, "a-all",
                                List.of("zed@example.com", "shared@example.com", "amy@example.com")),
                        org.assertj.core.groups.Tuple.tuple(2, "a-shared", List.of("shared@example.com")));
    }
}
