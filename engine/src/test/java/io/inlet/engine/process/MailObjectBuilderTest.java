package io.inlet.engine.process;

import com.fasterxml.jackson.databind.JsonNode;
import io.inlet.engine.message.Envelope;
import io.inlet.engine.verdicts.Header;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MailObjectBuilderTest {

    private static final String ID = "0123456789abcdefghijklmnopqrstuv01234567";
    private static final Envelope ENVELOPE = new Envelope("prvs=1=alice@sender.example", List.of("bob@example.com"),
            "mx.sender.example", "192.0.2.10", null, null, "mx.inlet.test", Instant.parse("2024-05-01T10:00:00.120Z"));

    private static JsonNode mail(List<Header> top, String message) throws IOException {
        ParsedHeaders parsed = HeaderParser.parse(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
        return MailObjectBuilder.build(ID, ENVELOPE, top, parsed);
    }

    private static List<Header> top() {
        List<Header> top = new ArrayList<>(ReceivedHeaders.build(ID, ENVELOPE));
        top.add(new Header("X-Added", "yes"));
        return top;
    }

    @Test
    void topLevelFields() throws IOException {
        JsonNode mail = mail(top(), ProcessFixtures.MESSAGE_FILTERED);
        assertThat(mail.get("timestamp").asText()).isEqualTo("2024-05-01T10:00:00.120Z");
        assertThat(mail.get("source").asText()).isEqualTo("prvs=1=alice@sender.example");
        assertThat(mail.get("messageId").asText()).isEqualTo(ID);
        assertThat(mail.get("headersTruncated").isBoolean()).isTrue();
        assertThat(mail.get("headersTruncated").asBoolean()).isFalse();
        assertThat(names(mail.get("destination"))).containsExactly("bob@example.com", "carol@example.com",
                "dave@example.com");
    }

    @Test
    void headersIncludeOursFirstThenTheMessagesUnfolded() throws IOException {
        JsonNode headers = mail(top(), ProcessFixtures.MESSAGE_FILTERED).get("headers");
        List<String> names = new ArrayList<>();
        headers.forEach(h -> names.add(h.get("name").asText()));
        assertThat(names).containsExactly("Return-Path", "Received", "X-Added", "From", "To", "Cc", "Subject",
                "Date", "Message-ID", "Authentication-Results", "MIME-Version");
        assertThat(headers.get(6).get("value").asText()).isEqualTo("Hello folded world");
        assertThat(headers.get(1).get("value").asText()).startsWith("from mx.sender.example ([192.0.2.10]) by ");
    }

    @Test
    void commonHeaders() throws IOException {
        JsonNode c = mail(top(), ProcessFixtures.MESSAGE_FILTERED
                .replace("MIME-Version", "Reply-To: r@x.example\r\nSender: s@x.example\r\nMIME-Version")).get("commonHeaders");
        assertThat(c.get("returnPath").asText()).isEqualTo("prvs=1=alice@sender.example");
        assertThat(names(c.get("from"))).containsExactly("Alice <alice@sender.example>");
        assertThat(names(c.get("to"))).containsExactly("Bob <bob@example.com>", "\"Carol, C.\" <carol@example.com>");
        assertThat(names(c.get("cc"))).containsExactly("dave@example.com");
        assertThat(names(c.get("replyTo"))).containsExactly("r@x.example");
        assertThat(names(c.get("sender"))).containsExactly("s@x.example");
        assertThat(c.get("date").asText()).isEqualTo("Wed, 1 May 2024 09:59:58 +0000");
        assertThat(c.get("messageId").asText()).isEqualTo("<abc@sender.example>");
        assertThat(c.get("subject").asText()).isEqualTo("Hello folded world");
        assertThat(c.has("bcc")).isFalse();
    }

    @Test
    void ourReturnPathWinsOverOneInTheMessage() throws IOException {
        JsonNode c = mail(top(), "Return-Path: <forged@evil.example>\r\nSubject: s\r\n\r\n").get("commonHeaders");
        assertThat(c.get("returnPath").asText()).isEqualTo("prvs=1=alice@sender.example");
    }

    @Test
    void truncatedPastTenKilobytes() throws IOException {
        StringBuilder m = new StringBuilder("To: x@example.com\r\n");
        for (int i = 0; i < 150; i++) {
            m.append("X-Filler: ").append("v".repeat(80)).append("\r\n");
        }
        m.append("Subject: late\r\n\r\n");
        JsonNode mail = mail(top(), m.toString());
        assertThat(mail.get("headersTruncated").asBoolean()).isTrue();
        long bytes = 0;
        for (JsonNode h : mail.get("headers")) {
            bytes += h.get("name").asText().length() + 4 + h.get("value").asText().length();
        }
        assertThat(bytes).isLessThanOrEqualTo(10 * 1024);
        assertThat(mail.get("commonHeaders").get("subject").asText()).isEqualTo("late");
    }

    @Test
    void groupsAndQuotedCommas() {
        assertThat(AddressLists.entries("a@x, \"B, b\" <b@x>, (c, d) c@x, G: g1@x, g2@x;, <e@x>"))
                .containsExactly("a@x", "\"B, b\" <b@x>", "(c, d) c@x", "G: g1@x, g2@x;", "<e@x>");
        assertThat(AddressLists.addresses("G: g1@x, g2@x;, Bob <b@y>")).containsExactly("g1@x", "g2@x", "b@y");
    }

    private static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
