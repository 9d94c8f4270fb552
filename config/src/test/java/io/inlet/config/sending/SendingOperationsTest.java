package io.inlet.config.sending;

import io.inlet.config.api.SesException;
import io.inlet.config.store.Scope;
import io.inlet.config.store.sqlite.SqliteStore;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static io.inlet.config.sending.SendingFixture.between;
import static org.assertj.core.api.Assertions.assertThat;

/** SendEmail, SendRawEmail, GetSendQuota and GetSendStatistics on a real store (issue 6 items 5 and 6). */
class SendingOperationsTest {
    static final Scope EAST = new Scope("111122223333", "us-east-1");
    static final Instant START = Instant.parse("2026-03-01T10:01:00Z");

    @TempDir
    Path dir;
    SqliteStore store;
    SendingFixture f;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir);
        f = new SendingFixture(store, new SendingSettings(200, 1000), START);
        f.verify(EAST, "example.com");
    }

    @AfterEach
    void close() {
        store.close();
    }

    static String raw(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static Message parse(String message) throws IOException {
        return new DefaultMessageBuilder().parseMessage(
                new ByteArrayInputStream(message.getBytes(StandardCharsets.ISO_8859_1)));
    }

    static String text(TextBody body) throws IOException {
        try (InputStream in = body.getInputStream()) {
            return new String(in.readAllBytes(), body.getMimeCharset());
        }
    }

    @Test
    void sendEmailComposesMimeAndQueuesItWithTheEnvelope() throws IOException {
        String xml = f.call(EAST, "SendEmail", "Source", "Sender Name <sender@example.com>",
                "Destination.ToAddresses.member.1", "to@dest.test",
                "Destination.CcAddresses.member.1", "cc@dest.test",
                "Destination.BccAddresses.member.1", "hidden@dest.test",
                "ReplyToAddresses.member.1", "replies@example.com",
                "ReturnPath", "bounces@example.com",
                "Message.Subject.Data", "Grüße", "Message.Subject.Charset", "ISO-8859-1",
                "Message.Body.Text.Data", "plain\nline two", "Message.Body.Html.Data", "<p>html é</p>",
                "Message.Body.Html.Charset", "UTF-8");
        String id = between(xml, "MessageId");
        assertThat(id).matches("[0-9a-f]{16}-[0-9a-f-]{36}-000000");

        assertThat(f.outbound.queued).hasSize(1);
        SendingFixture.Queued q = f.outbound.queued.get(0);
        assertThat(q.mailFrom()).isEqualTo("bounces@example.com");
        assertThat(q.recipients()).containsExactly("to@dest.test", "cc@dest.test", "hidden@dest.test");
        assertThat(q.message()).doesNotContain("hidden@dest.test").doesNotContainPattern("(?<!\r)\n")
                .contains("=?ISO-8859-1?B?");
        Message m = parse(q.message());
        assertThat(m.getSubject()).isEqualTo("Grüße");
        assertThat(m.getFrom().get(0).getName()).isEqualTo("Sender Name");
        assertThat(m.getTo().flatten().get(0).getAddress()).isEqualTo("to@dest.test");
        assertThat(m.getCc().flatten().get(0).getAddress()).isEqualTo("cc@dest.test");
        assertThat(m.getReplyTo().flatten().get(0).getAddress()).isEqualTo("replies@example.com");
        assertThat(m.getMessageId().trim()).isEqualTo("<" + id + "@email.inlet>");
        Multipart alt = (Multipart) m.getBody();
        assertThat(alt.getSubType()).isEqualTo("alternative");
        assertThat(text((TextBody) alt.getBodyParts().get(0).getBody())).isEqualTo("plain\r\nline two");
        assertThat(alt.getBodyParts().get(1).getMimeType()).isEqualTo("text/html");
        assertThat(text((TextBody) alt.getBodyParts().get(1).getBody())).isEqualTo("<p>html é</p>");
    }

    @Test
    void htmlOnlyIsASinglePart() throws IOException {
        f.call(EAST, "SendEmail", "Source", "sender@example.com", "Destination.ToAddresses.member.1", "to@dest.test",
                "Message.Subject.Data", "s", "Message.Body.Html.Data", "<b>hi</b>");
        Message m = parse(f.outbound.queued.get(0).message());
        assertThat(m.getMimeType()).isEqualTo("text/html");
        assertThat(text((TextBody) m.getBody())).isEqualTo("<b>hi</b>");
    }

    @Test
    void requiredMembersAreValidationErrors() {
        assertThat(f.error(EAST, "SendEmail", "Destination.ToAddresses.member.1", "to@dest.test",
                "Message.Subject.Data", "s", "Message.Body.Text.Data", "b").getMessage())
                .contains("Value null at 'source'");
        assertThat(f.error(EAST, "SendEmail", "Source", "sender@example.com", "Destination.ToAddresses.member.1", "a@b.test",
                "Message.Body.Text.Data", "b").getMessage()).contains("Value null at 'message.subject'");
        assertThat(f.error(EAST, "SendEmail", "Source", "sender@example.com", "Message.Subject.Data", "s",
                "Message.Body.Text.Data", "b").getMessage()).contains("Value null at 'destination'");
        SesException raw = f.error(EAST, "SendRawEmail", "Source", "sender@example.com");
        assertThat(raw.code()).isEqualTo("ValidationError");
        assertThat(raw.getMessage()).contains("Value null at 'rawMessage'");
        assertThat(f.outbound.queued).isEmpty();
    }

    @Test
    void addressesMustHaveADomainAndBeAscii() {
        SesException missing = f.error(EAST, "SendEmail", "Source", "sender@example.com",
                "Destination.ToAddresses.member.1", "invalid_address", "Message.Subject.Data", "s", "Message.Body.Text.Data", "b");
        assertThat(missing.code()).isEqualTo("InvalidParameterValue");
        assertThat(missing.getMessage()).isEqualTo("Missing domain");
        SesException nonAscii = f.error(EAST, "SendEmail", "Source", "sender@example.com",
                "Destination.ToAddresses.member.1", "jürgen@dest.test", "Message.Subject.Data", "s", "Message.Body.Text.Data", "b");
        assertThat(nonAscii.getMessage()).isEqualTo("Illegal address");
        SesException rawMissing = f.error(EAST, "SendRawEmail", "Destinations.member.1", "invalid_address",
                "RawMessage.Data", raw("From: sender@example.com\nSubject: x\n\nbody\n"));
        assertThat(rawMissing.getMessage()).isEqualTo("Missing domain");
        assertThat(f.outbound.queued).isEmpty();
    }

    @Test
    void atMostFiftyRecipients() {
        List<String> params = new ArrayList<>(List.of("Source", "sender@example.com", "Message.Subject.Data", "s",
                "Message.Body.Text.Data", "b"));
        for (int i = 1; i <= 51; i++) {
            params.add((i <= 25 ? "Destination.ToAddresses.member." + i : "Destination.BccAddresses.member." + (i - 25)));
            params.add("r" + i + "@dest.test");
        }
        SesException e = f.error(EAST, "SendEmail", params.toArray(String[]::new));
        assertThat(e.code()).isEqualTo("MessageRejected");
        assertThat(e.getMessage()).isEqualTo("Too many recipients.");
        params.subList(params.size() - 2, params.size()).clear();
        f.call(EAST, "SendEmail", params.toArray(String[]::new));
        assertThat(f.outbound.queued.get(0).recipients()).hasSize(50);
    }

    @Test
    void unverifiedSourceIsRejectedAndCountedAsAReject() {
        SesException e = f.error(EAST, "SendEmail", "Source", "John Smith <foobar@unverified.test>",
                "Destination.ToAddresses.member.1", "to@dest.test", "Message.Subject.Data", "s", "Message.Body.Text.Data", "b");
        assertThat(e.code()).isEqualTo("MessageRejected");
        assertThat(e.getMessage()).isEqualTo("Email address is not verified. The following identities failed the check"
                + " in region US-EAST-1: John Smith <foobar@unverified.test>");
        SesException returnPath = f.error(EAST, "SendEmail", "Source", "sender@example.com",
                "ReturnPath", "bounce@unverified.test",
                "Destination.ToAddresses.member.1", "to@dest.test", "Message.Subject.Data", "s", "Message.Body.Text.Data", "b");
        assertThat(returnPath.getMessage()).endsWith(": bounce@unverified.test");
        assertThat(f.outbound.queued).isEmpty();

        String stats = f.call(EAST, "GetSendStatistics");
        assertThat(stats).contains("<Rejects>2</Rejects>").contains("<DeliveryAttempts>0</DeliveryAttempts>");
        assertThat(between(f.call(EAST, "GetSendQuota"), "SentLast24Hours")).isEqualTo("0.0");
    }

    @Test
    void sendRawEmailHonoursThenRemovesTheSesHeadersAndBcc() {
        String message = "From: Sender <sender@example.com>\nTo: a@dest.test, Team: b@dest.test, c@dest.test;\n"
                + "Cc: d@dest.test\nBcc: e@dest.test\nX-SES-SOURCE-ARN: arn:aws:ses:us-east-1:111122223333:identity/example.com\n"
                + "X-SES-CONFIGURATION-SET: cs\nSubject: raw\n\nbody line\n.leading dot\n";
        String xml = f.call(EAST, "SendRawEmail", "RawMessage.Data", raw(message));
        SendingFixture.Queued q = f.outbound.queued.get(0);
        assertThat(q.mailFrom()).isEqualTo("sender@example.com");
        assertThat(q.recipients()).containsExactly("a@dest.test", "b@dest.test", "c@dest.test", "d@dest.test", "e@dest.test");
        assertThat(q.message()).doesNotContainIgnoringCase("x-ses-").doesNotContain("Bcc:").doesNotContain("e@dest.test")
                .contains("Subject: raw\r\n").endsWith("\r\n\r\nbody line\r\n.leading dot\r\n")
                .contains("Message-ID: <" + between(xml, "MessageId") + "@email.inlet>").contains("Date: ");
    }

    @Test
    void sendRawEmailDestinationsWinAndSourceDefaultsToFrom() {
        f.call(EAST, "SendRawEmail", "Destinations.member.1", "only@dest.test",
                "RawMessage.Data", raw("From: sender@example.com\nTo: a@dest.test\nMessage-ID: <mine@x>\n\nb\n"));
        SendingFixture.Queued q = f.outbound.queued.get(0);
        assertThat(q.recipients()).containsExactly("only@dest.test");
        assertThat(q.message()).contains("Message-ID: <mine@x>").doesNotContain("@email.inlet");

        SesException none = f.error(EAST, "SendRawEmail", "Destinations.member.1", "a@dest.test",
                "RawMessage.Data", raw("Subject: no from\n\nb\n"));
        assertThat(none.code()).isEqualTo("MessageRejected");
        assertThat(none.getMessage()).isEqualTo("Source not specified");

        SesException fromUnverified = f.error(EAST, "SendRawEmail", "Source", "sender@example.com",
                "RawMessage.Data", raw("From: other@unverified.test\nTo: a@dest.test\n\nb\n"));
        assertThat(fromUnverified.getMessage()).endsWith(": other@unverified.test");
        SesException noRecipients = f.error(EAST, "SendRawEmail", "RawMessage.Data", raw("From: sender@example.com\n\nb\n"));
        assertThat(noRecipients.getMessage()).isEqualTo("Missing required header 'To'.");
        assertThat(f.outbound.queued).hasSize(1);
    }

    @Test
    void messagesOverTenMegabytesAreRejected() {
        byte[] big = new byte[SendingLimits.MAX_MESSAGE_BYTES - 100];
        java.util.Arrays.fill(big, (byte) 'a');
        for (int i = 76; i < big.length; i += 78) {
            big[i] = '\r';
            big[i + 1] = '\n';
        }
        String head = "From: sender@example.com\r\nTo: a@dest.test\r\n\r\n";
        byte[] over = new byte[head.length() + big.length + 200];
        System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, over, 0, head.length());
        System.arraycopy(big, 0, over, head.length(), big.length);
        java.util.Arrays.fill(over, head.length() + big.length, over.length, (byte) 'b');
        SesException e = f.error(EAST, "SendRawEmail", "RawMessage.Data", Base64.getEncoder().encodeToString(over));
        assertThat(e.code()).isEqualTo("MessageRejected");
        assertThat(e.getMessage()).isEqualTo("Message length is more than 10485760 bytes long: '" + over.length + "'.");

        byte[] under = java.util.Arrays.copyOf(over, SendingLimits.MAX_MESSAGE_BYTES - 1000);
        f.call(EAST, "SendRawEmail", "RawMessage.Data", Base64.getEncoder().encodeToString(under));
        assertThat(f.outbound.queued).hasSize(1);
    }

    @Test
    void aFailedEnqueueIsAnInternalFailureAndCountsNothing() {
        f.outbound.failing = true;
        SesException e = f.error(EAST, "SendRawEmail", "RawMessage.Data", raw("From: sender@example.com\nTo: a@dest.test\n\nb\n"));
        assertThat(e.httpStatus()).isEqualTo(500);
        assertThat(e.code()).isEqualTo("InternalFailure");
        assertThat(between(f.call(EAST, "GetSendQuota"), "SentLast24Hours")).isEqualTo("0.0");
    }
}
