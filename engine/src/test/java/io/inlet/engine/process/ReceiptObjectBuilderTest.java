package io.inlet.engine.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inlet.rules.spi.MessageContent;
import io.inlet.rules.spi.NotificationContent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiptObjectBuilderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant RECEIVED = Instant.parse("2024-05-01T10:00:00.100Z");
    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00.512Z");

    private static Map<String, Object> s3Action() {
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("type", "S3");
        action.put("topicArn", "arn:aws:sns:us-east-1:111122223333:inbound");
        action.put("bucketName", "my-bucket");
        action.put("objectKey", "mail/abc");
        return action;
    }

    @Test
    void receiptFieldsAndTypes() {
        JsonNode r = ReceiptObjectBuilder.build(NOW, RECEIVED, List.of("bob@example.com"), ProcessFixtures.PASSING,
                s3Action());
        assertThat(r.get("timestamp").asText()).isEqualTo("2024-05-01T10:00:00.512Z");
        assertThat(r.get("processingTimeMillis").isNumber()).isTrue();
        assertThat(r.get("processingTimeMillis").asLong()).isEqualTo(412);
        assertThat(r.get("recipients").get(0).asText()).isEqualTo("bob@example.com");
        assertThat(r.get("spamVerdict").get("status").asText()).isEqualTo("DISABLED");
        assertThat(r.get("virusVerdict").get("status").asText()).isEqualTo("DISABLED");
        assertThat(r.get("spfVerdict").get("status").asText()).isEqualTo("PASS");
        assertThat(r.get("dkimVerdict").get("status").asText()).isEqualTo("GRAY");
        assertThat(r.get("dmarcVerdict").get("status").asText()).isEqualTo("GRAY");
        assertThat(r.has("dmarcPolicy")).isFalse();
        assertThat(r.get("action").get("bucketName").asText()).isEqualTo("my-bucket");
        assertThat(r.get("action").get("type").asText()).isEqualTo("S3");
    }

    @Test
    void dmarcPolicyOnlyWhenPresent() {
        JsonNode r = ReceiptObjectBuilder.build(NOW, RECEIVED, List.of("b@x"), ProcessFixtures.DMARC_FAIL, s3Action());
        assertThat(r.get("dmarcPolicy").isTextual()).isTrue();
        assertThat(r.get("dmarcPolicy").asText()).isEqualTo("reject");
        assertThat(r.get("dmarcVerdict").get("status").asText()).isEqualTo("FAIL");
    }

    @Test
    void notificationWithoutContent() throws Exception {
        JsonNode n = JSON.readTree(NotificationBuilder.build(mail(), receipt(), NotificationContent.NONE, content("x")));
        assertThat(n.fieldNames()).toIterable().containsExactly("notificationType", "mail", "receipt");
        assertThat(n.get("notificationType").asText()).isEqualTo("Received");
        assertThat(n.get("mail").get("messageId").asText()).isEqualTo("m1");
    }

    @Test
    void notificationWithUtf8AndBase64Content() throws Exception {
        String message = "Subject: Grüße\r\n\r\n\"quoted\" \\ back\r\n";
        JsonNode utf8 = JSON.readTree(NotificationBuilder.build(mail(), receipt(), NotificationContent.UTF8,
                content(message)));
        assertThat(utf8.get("content").asText()).isEqualTo(message);
        JsonNode b64 = JSON.readTree(NotificationBuilder.build(mail(), receipt(), NotificationContent.BASE64,
                content(message)));
        assertThat(b64.get("content").asText()).doesNotContain("\n");
        assertThat(new String(Base64.getDecoder().decode(b64.get("content").asText()), StandardCharsets.UTF_8))
                .isEqualTo(message);
    }

    private static ObjectNode mail() {
        ObjectNode mail = JSON.createObjectNode();
        mail.put("messageId", "m1");
        return mail;
    }

    private static ObjectNode receipt() {
        return ReceiptObjectBuilder.build(NOW, RECEIVED, List.of("b@x"), ProcessFixtures.PASSING, Map.of("type", "SNS"));
    }

    private static MessageContent content(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new MessageContent() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }
        };
    }
}
