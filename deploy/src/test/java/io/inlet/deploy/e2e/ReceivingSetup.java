package io.inlet.deploy.e2e;

import io.inlet.config.store.StoreTransaction;
import io.inlet.deploy.it.RunningInlet;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.AddHeaderAction;
import software.amazon.awssdk.services.ses.model.ReceiptAction;
import software.amazon.awssdk.services.ses.model.ReceiptFilterPolicy;
import software.amazon.awssdk.services.ses.model.ReceiptRule;
import software.amazon.awssdk.services.ses.model.S3Action;
import software.amazon.awssdk.services.ses.model.StopAction;
import software.amazon.awssdk.services.ses.model.StopScope;
import software.amazon.awssdk.services.ses.model.TlsPolicy;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * Configures receiving through the SES API exactly as a user would (VerifyDomainIdentity,
 * CreateReceiptRuleSet, CreateReceiptRule, CreateReceiptFilter, SetActiveReceiptRuleSet), then
 * waits until the data plane serves that configuration: {@link #live()}.
 *
 * <pre>{@code
 * ReceivingSetup.of(daemon).domains("example.test").ruleSet("main")
 *     .rule(ReceivingSetup.rule("r1", List.of("user@example.test"), ReceivingSetup.s3("mail", "r1/")))
 *     .activate().live();
 * }</pre>
 */
final class ReceivingSetup {

    private final SesClient ses;
    private final Runnable awaitLive;
    private String ruleSet;
    private String lastRule;

    private ReceivingSetup(SesClient ses, Runnable awaitLive) {
        this.ses = ses;
        this.awaitLive = awaitLive;
    }

    /**
     * For an in-process daemon: {@link #live()} waits until the engine's snapshot has caught up
     * with the store version after the last API call.
     */
    static ReceivingSetup of(RunningInlet daemon) {
        SesClient ses = daemon.ses();
        return new ReceivingSetup(ses, () -> {
            long committed = daemon.inlet().store().read(StoreTransaction::version);
            await("snapshot version " + committed + " live").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> daemon.inlet().snapshots().current().version() >= committed);
        });
    }

    /** For a daemon in another process: {@code awaitLive} must observe the change (e.g. poll RCPT). */
    static ReceivingSetup of(SesClient ses, Runnable awaitLive) {
        return new ReceivingSetup(ses, awaitLive);
    }

    SesClient ses() {
        return ses;
    }

    /** VerifyDomainIdentity for each (verified at once in the default {@code auto} mode). */
    ReceivingSetup domains(String... domains) {
        for (String domain : domains) {
            ses.verifyDomainIdentity(b -> b.domain(domain));
        }
        return this;
    }

    /** CreateReceiptRuleSet; the following {@link #rule} calls add to it. */
    ReceivingSetup ruleSet(String name) {
        ses.createReceiptRuleSet(b -> b.ruleSetName(name));
        ruleSet = name;
        lastRule = null;
        return this;
    }

    /** CreateReceiptRule, placed after the previous rule of this setup (so rules keep the call order). */
    ReceivingSetup rule(ReceiptRule rule) {
        String after = lastRule;
        String set = ruleSet;
        ses.createReceiptRule(b -> b.ruleSetName(set).after(after).rule(rule));
        lastRule = rule.name();
        return this;
    }

    /** CreateReceiptFilter. */
    ReceivingSetup filter(String name, String cidr, ReceiptFilterPolicy policy) {
        ses.createReceiptFilter(b -> b.filter(f -> f.name(name).ipFilter(ip -> ip.cidr(cidr).policy(policy))));
        return this;
    }

    /** SetActiveReceiptRuleSet with the current rule set. */
    ReceivingSetup activate() {
        return activate(ruleSet);
    }

    /** SetActiveReceiptRuleSet; {@code null} deactivates every set. */
    ReceivingSetup activate(String name) {
        ses.setActiveReceiptRuleSet(b -> b.ruleSetName(name));
        return this;
    }

    /** Waits until the SMTP side serves everything configured so far. */
    ReceivingSetup live() {
        awaitLive.run();
        return this;
    }

    // --- model builders ------------------------------------------------------------------------

    /** An enabled rule, TLS optional, no scanning; no recipients = every verified domain. */
    static ReceiptRule rule(String name, List<String> recipients, ReceiptAction... actions) {
        return rule(name, TlsPolicy.OPTIONAL, recipients, actions);
    }

    static ReceiptRule rule(String name, TlsPolicy tls, List<String> recipients, ReceiptAction... actions) {
        ReceiptRule.Builder rule = ReceiptRule.builder().name(name).enabled(true).tlsPolicy(tls).scanEnabled(false);
        if (!recipients.isEmpty()) { // an empty list would be sent as "Rule.Recipients=": leave it out
            rule.recipients(recipients);
        }
        if (actions.length > 0) {
            rule.actions(actions);
        }
        return rule.build();
    }

    static ReceiptAction s3(String bucket, String prefix) {
        return ReceiptAction.builder().s3Action(S3Action.builder().bucketName(bucket).objectKeyPrefix(prefix).build())
                .build();
    }

    static ReceiptAction addHeader(String name, String value) {
        return ReceiptAction.builder()
                .addHeaderAction(AddHeaderAction.builder().headerName(name).headerValue(value).build()).build();
    }

    static ReceiptAction stop() {
        return ReceiptAction.builder().stopAction(StopAction.builder().scope(StopScope.RULE_SET).build()).build();
    }
}
