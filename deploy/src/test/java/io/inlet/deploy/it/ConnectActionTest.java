package io.inlet.deploy.it;

import io.inlet.engine.spool.DeadLetter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.ReceiptRule;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.inlet.deploy.it.SesErrors.assertInvalidParameter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * ConnectAction without a plugin jar that serves it (§3.8: there is no Amazon Connect here):
 * strict validation refuses it; lenient stores and returns it, and a message reaching it is
 * dead-lettered at once with the reason. (With a plugin jar: {@link PluginJarTest}.)
 */
class ConnectActionTest {
    static final String NOT_INSTALLED = "ConnectAction needs an action plugin that provides it: none is installed";

    @TempDir
    Path dir;

    @Test
    void strictValidationRefusesConnectActionWithoutAPlugin() {
        try (RunningInlet daemon = RunningInlet.start(dir)) {
            SesClient ses = daemon.ses();
            ses.createReceiptRuleSet(b -> b.ruleSetName("set"));
            assertInvalidParameter(() -> Rules.create(ses, "set", Rules.rule("r", List.of(),
                    Rules.connect(Rules.CONNECT_INSTANCE, Rules.ROLE))), NOT_INSTALLED);
            assertThat(ses.describeReceiptRuleSet(b -> b.ruleSetName("set")).rules()).isEmpty();
        }
    }

    @Test
    void lenientValidationKeepsItAndAMessageReachingItIsDeadLettered() throws Exception {
        try (RunningInlet daemon = RunningInlet.start(dir, Map.of("actions.validation", "lenient",
                "processing.initial-backoff", "50ms"))) {
            SesClient ses = daemon.ses();
            ses.verifyDomainIdentity(b -> b.domain("connect.test"));
            ses.createReceiptRuleSet(b -> b.ruleSetName("set"));
            ReceiptRule rule = Rules.rule("contact", List.of("help@connect.test"),
                    Rules.connect(Rules.CONNECT_INSTANCE, Rules.ROLE));
            Rules.create(ses, "set", rule);
            assertThat(Rules.describe(ses, "set", "contact")).isEqualTo(rule);
            ses.setActiveReceiptRuleSet(b -> b.ruleSetName("set"));
            Delivery.awaitLive(daemon);

            String id = Delivery.send(daemon, "help@connect.test", "Where is my order?");

            // permanent: dead-lettered without waiting for the retry budget (24 h by default)
            DeadLetter dead = await("dead-lettered").atMost(Delivery.WAIT)
                    .until(() -> daemon.inlet().spool().deadLetters().stream().filter(d -> d.messageId().equals(id))
                            .findFirst(), Optional::isPresent)
                    .orElseThrow();
            assertThat(dead.reason()).contains(NOT_INSTALLED);
        }
    }
}
