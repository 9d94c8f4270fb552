package io.inlet.engine.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static io.inlet.engine.process.ProcessFixtures.action;
import static io.inlet.engine.process.ProcessFixtures.envelope;
import static io.inlet.engine.process.ProcessFixtures.plan;
import static io.inlet.engine.process.ProcessFixtures.rule;
import static io.inlet.engine.process.ProcessFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;

/** The SES notification JSON an action gets from its context, end to end. */
class ProcessorNotificationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private ProcessorHarness h;

    @AfterEach
    void tearDown() {
        h.close();
    }

    private JsonNode notification(io.inlet.engine.verdicts.Verdicts verdicts, String notify) throws Exception {
        h = new ProcessorHarness(dir, ProcessFixtures.FAST, ProcessFixtures.fixed(verdicts)).start();
        String id = h.send(ProcessFixtures.MESSAGE, envelope("alice@sender.example", List.of("bob@example.com",
                "carol@example.com")), tenant("111", plan(0, rule("r1", action("SNSAction", "Id", "n", "Notify", notify)),
                "carol@example.com")));
        h.awaitDone(id);
        return JSON.readTree(h.plugin("SNSAction").seen("n").notification());
    }

    @Test
    void shapeOfMailAndReceipt() throws Exception {
        Instant before = Instant.now();
        JsonNode n = notification(ProcessFixtures.DMARC_FAIL, "NONE");
        List<String> keys = new ArrayList<>();
        n.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("notificationType", "mail", "receipt");
        assertThat(n.get("notificationType").asText()).isEqualTo("Received");

        JsonNode mail = n.get("mail");
        List<String> mailKeys = new ArrayList<>();
        mail.fieldNames().forEachRemaining(mailKeys::add);
        assertThat(mailKeys).containsExactly("timestamp", "source", "messageId", "destination", "headersTruncated",
                "headers", "commonHeaders");
        assertThat(mail.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(mail.get("messageId").asText()).matches("[0-9a-v]{40}");
        assertThat(mail.get("source").asText()).isEqualTo("alice@sender.example");
        assertThat(ProcessorRulesTest.headerNames(mail)).containsExactly("Return-Path", "Received",
                "X-SES-Spam-Verdict", "X-SES-Virus-Verdict", "Authentication-Results", "From", "To", "Cc", "Subject",
                "Date", "Message-ID", "Authentication-Results", "MIME-Version");
        List<String> arValues = new ArrayList<>();
        mail.get("headers").forEach(x -> {
            if (x.get("name").asText().equals("Authentication-Results")) {
                arValues.add(x.get("value").asText());
            }
        });
        assertThat(arValues).containsExactly("mx.inlet.test; spf=fail; dkim=fail; dmarc=fail header.from=sender.example;",
                "other.example; dkim=pass");
        assertThat(mail.get("headers").get(1).get("value").asText())
                .matches("from mx\\.sender\\.example \\(\\[192\\.0\\.2\\.10]\\) by mx\\.inlet\\.test with SMTP id "
                        + mail.get("messageId").asText()
                        + " for bob@example.com; \\w{3}, \\d\\d \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d \\+0000 \\(UTC\\)");
        JsonNode common = mail.get("commonHeaders");
        assertThat(common.get("returnPath").asText()).isEqualTo("alice@sender.example");
        assertThat(common.get("from").get(0).asText()).isEqualTo("Alice <alice@sender.example>");
        assertThat(common.get("to").size()).isEqualTo(2);
        assertThat(common.get("subject").asText()).isEqualTo("Hello folded world");

        JsonNode receipt = n.get("receipt");
        List<String> receiptKeys = new ArrayList<>();
        receipt.fieldNames().forEachRemaining(receiptKeys::add);
        assertThat(receiptKeys).containsExactly("timestamp", "processingTimeMillis", "recipients", "spamVerdict",
                "virusVerdict", "spfVerdict", "dkimVerdict", "dmarcVerdict", "dmarcPolicy", "action");
        assertThat(receipt.get("processingTimeMillis").isIntegralNumber()).isTrue();
        assertThat(receipt.get("processingTimeMillis").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(Instant.parse(receipt.get("timestamp").asText())).isAfterOrEqualTo(before.minusMillis(1));
        assertThat(receipt.get("recipients").toString()).isEqualTo("[\"carol@example.com\"]");
        assertThat(receipt.get("dmarcPolicy").asText()).isEqualTo("reject");
        assertThat(receipt.get("spamVerdict").get("status").asText()).isEqualTo("PASS");
        assertThat(receipt.get("action").get("type").asText()).isEqualTo("SNSAction");
        assertThat(receipt.get("action").get("topicArn").asText()).isEqualTo("arn:aws:sns:us-east-1:1:t");
    }

    @Test
    void noDmarcPolicyWhenAbsent() throws Exception {
        JsonNode receipt = notification(ProcessFixtures.PASSING, "NONE").get("receipt");
        assertThat(receipt.has("dmarcPolicy")).isFalse();
        assertThat(receipt.get("spamVerdict").get("status").asText()).isEqualTo("DISABLED");
    }

    @Test
    void base64ContentIsTheMessageActionsSee() throws Exception {
        JsonNode n = notification(ProcessFixtures.PASSING, "BASE64");
        String content = new String(Base64.getDecoder().decode(n.get("content").asText()), StandardCharsets.UTF_8);
        assertThat(content).isEqualTo(h.plugin("SNSAction").seen("n").message());
        assertThat(content).startsWith("Return-Path: <alice@sender.example>\r\n").endsWith(ProcessFixtures.MESSAGE_FILTERED);
    }
}
