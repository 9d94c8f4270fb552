package io.inlet.engine.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.engine.message.TenantPlan;
import io.inlet.rules.ReceiptAction;
import io.inlet.rules.ReceiptRule;
import io.inlet.rules.TlsPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.inlet.engine.process.ProcessFixtures.action;
import static io.inlet.engine.process.ProcessFixtures.envelope;
import static io.inlet.engine.process.ProcessFixtures.plan;
import static io.inlet.engine.process.ProcessFixtures.rule;
import static io.inlet.engine.process.ProcessFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;

/** Rule and action order, stops, per-rule recipients and AddHeader, through the real spool. */
class ProcessorRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private ProcessorHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = new ProcessorHarness(dir, ProcessFixtures.FAST, ProcessFixtures.fixed(ProcessFixtures.PASSING)).start();
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private String run(TenantPlan... plans) throws Exception {
        String id = h.send(ProcessFixtures.MESSAGE, envelope("alice@sender.example", List.of("bob@example.com",
                "carol@other.example")), plans);
        h.awaitDone(id);
        return id;
    }

    @Test
    void rulesInOrderThenActionsInOrder() throws Exception {
        run(tenant("111", plan(0, rule("r1", action("S3Action", "Id", "a1"), action("SNSAction", "Id", "a2"))),
                plan(3, rule("r2", action("LambdaAction", "Id", "a3"), action("S3Action", "Id", "a4")))));
        assertThat(h.trail).containsExactly("a1", "a2", "a3", "a4");
    }

    @Test
    void stopRuleSkipsOnlyTheRestOfItsRule() throws Exception {
        run(tenant("111",
                plan(0, rule("r1", action("S3Action", "Id", "a1"), action("LambdaAction", "Id", "a2", "Outcome", "STOP_RULE"),
                        action("S3Action", "Id", "a3"))),
                plan(1, rule("r2", action("SNSAction", "Id", "a4")))));
        assertThat(h.trail).containsExactly("a1", "a2", "a4");
    }

    @Test
    void stopRuleSetEndsOnlyThatTenantsPlan() throws Exception {
        run(tenant("111",
                        plan(0, rule("r1", action("StopAction", "Id", "a1", "Outcome", "STOP_RULE_SET"),
                                action("S3Action", "Id", "a2"))),
                        plan(1, rule("r2", action("S3Action", "Id", "a3")))),
                tenant("222", plan(0, rule("other", action("S3Action", "Id", "b1")))));
        assertThat(h.trail).containsExactly("a1", "b1");
    }

    @Test
    void eachRuleSeesTheRecipientsItMatched() throws Exception {
        run(tenant("111",
                plan(0, rule("r1", action("SNSAction", "Id", "a1", "Notify", "NONE")), "bob@example.com"),
                plan(1, rule("r2", action("SNSAction", "Id", "a2", "Notify", "NONE")), "carol@other.example")));
        TestPlugin sns = h.plugin("SNSAction");
        assertThat(sns.seen("a1").recipients()).containsExactly("bob@example.com");
        assertThat(sns.seen("a2").recipients()).containsExactly("carol@other.example");
        assertThat(sns.seen("a1").rule()).isEqualTo("r1");
        assertThat(sns.seen("a1").account()).isEqualTo("111");
        JsonNode r1 = JSON.readTree(sns.seen("a1").notification()).get("receipt");
        JsonNode r2 = JSON.readTree(sns.seen("a2").notification()).get("receipt");
        assertThat(r1.get("recipients").toString()).isEqualTo("[\"bob@example.com\"]");
        assertThat(r2.get("recipients").toString()).isEqualTo("[\"carol@other.example\"]");
        JsonNode mail = JSON.readTree(sns.seen("a2").notification()).get("mail");
        assertThat(mail.get("destination").toString())
                .isEqualTo("[\"bob@example.com\",\"carol@example.com\",\"dave@example.com\"]");
    }

    @Test
    void membersOfOneReceiptActionRunInModelOrder() throws Exception {
        List<io.inlet.rules.ActionSpec> members = new ArrayList<>();
        for (String type : List.of("CustomAction", "ConnectAction", "SNSAction", "AddHeaderAction", "StopAction",
                "LambdaAction", "WorkmailAction", "BounceAction", "S3Action")) {
            members.add(action(type, "Id", type));
        }
        ReceiptRule r = new ReceiptRule("multi", true, TlsPolicy.Optional, false, List.of(),
                List.of(new ReceiptAction(members), ReceiptAction.of(action("S3Action", "Id", "after"))));
        run(tenant("111", plan(0, r)));
        assertThat(h.trail).containsExactly("S3Action", "BounceAction", "WorkmailAction", "LambdaAction",
                "StopAction", "AddHeaderAction", "SNSAction", "ConnectAction", "CustomAction", "after");
    }

    @Test
    void actionsSeeInletHeadersThenTheFilteredMessage() throws Exception {
        run(tenant("111", plan(0, rule("r1", action("S3Action", "Id", "a1")))));
        TestPlugin.Seen seen = h.plugin("S3Action").seen("a1");
        String text = seen.message();
        assertThat(text).startsWith("Return-Path: <alice@sender.example>\r\nReceived: from mx.sender.example ([192.0.2.10])");
        assertThat(text).endsWith(ProcessFixtures.MESSAGE_FILTERED);
        String top = text.substring(0, text.length() - ProcessFixtures.MESSAGE_FILTERED.length());
        List<String> names = new ArrayList<>();
        for (String line : top.split("\r\n")) {
            if (!line.startsWith(" ")) {
                names.add(line.substring(0, line.indexOf(':')));
            }
        }
        assertThat(names).containsExactly("Return-Path", "Received", "Received-SPF", "Authentication-Results");
        assertThat(top).contains("Authentication-Results: mx.inlet.test; spf=pass");
        assertThat(seen.size()).isEqualTo(text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }

    @Test
    void addedHeadersReachLaterActionsAndLaterRules() throws Exception {
        run(tenant("111",
                plan(0, rule("r1",
                        action("AddHeaderAction", "Id", "h1", "Header", "X-Test-One", "HeaderValue", "1"),
                        action("SNSAction", "Id", "a2", "Notify", "UTF8"))),
                plan(1, rule("r2",
                        action("AddHeaderAction", "Id", "h3", "Header", "X-Test-Two", "HeaderValue", "2"),
                        action("S3Action", "Id", "a4", "Notify", "NONE")))));
        TestPlugin.Seen a2 = h.plugin("SNSAction").seen("a2");
        TestPlugin.Seen a4 = h.plugin("S3Action").seen("a4");
        TestPlugin.Seen h1 = h.plugin("AddHeaderAction").seen("h1");
        assertThat(h1.message()).doesNotContain("X-Test-One");
        // each added header goes to the very top: the latest first, above Inlet's trace headers
        assertThat(a2.message()).startsWith("X-Test-One: 1\r\nReturn-Path: ").doesNotContain("X-Test-Two");
        assertThat(a4.message()).startsWith("X-Test-Two: 2\r\nX-Test-One: 1\r\nReturn-Path: ");
        JsonNode n2 = JSON.readTree(a2.notification());
        assertThat(n2.get("content").asText()).isEqualTo(a2.message());
        assertThat(headerNames(n2.get("mail"))).contains("X-Test-One").doesNotContain("X-Test-Two");
        List<String> names4 = headerNames(JSON.readTree(a4.notification()).get("mail"));
        assertThat(names4.subList(0, 7)).containsExactly("X-Test-Two", "X-Test-One", "Return-Path", "Received",
                "Received-SPF", "Authentication-Results", "From");
    }

    static List<String> headerNames(JsonNode mail) {
        List<String> names = new ArrayList<>();
        mail.get("headers").forEach(x -> names.add(x.get("name").asText()));
        return names;
    }
}
