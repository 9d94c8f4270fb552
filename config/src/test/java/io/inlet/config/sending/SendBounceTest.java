package io.inlet.config.sending;

import io.inlet.config.api.ApiOperation;
import io.inlet.config.api.ApiRequest;
import io.inlet.config.api.QueryParams;
import io.inlet.config.api.SesException;
import io.inlet.config.api.XmlWriter;
import io.inlet.config.identity.StoreVerifiedIdentities;
import io.inlet.config.store.Scope;
import io.inlet.config.store.sqlite.SqliteStore;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.inlet.config.sending.SendingFixture.between;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** SendBounce over a real store, a recording outbound queue and a fake set of received messages. */
class SendBounceTest {
    static final Scope EAST = new Scope("111122223333", "us-east-1");
    static final Scope OTHER = new Scope("444455556666", "us-east-1");
    static final Instant START = Instant.parse("2026-03-01T10:01:00Z");
    static final String ID = "0123456789abcdefghijklmnopqrstuv01234567";
    static final String HEADERS = "Received: from client.test\r\nFrom: Alice <alice@sender.test>\r\n"
            + "To: nobody@example.com\r\nSubject: hello\r\nMessage-ID: <orig@sender.test>";

    @TempDir
    Path dir;
    SqliteStore store;
    SendingFixture f;
    final Map<String, ReceivedMessages.Received> received = new HashMap<>();
    Map<String, ApiOperation> operations;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir);
        f = new SendingFixture(store, new SendingSettings(200, 1000), START);
        f.verify(EAST, "example.com");
        operations = SendingOperations.operations(store, new StoreVerifiedIdentities(store), f.outbound,
                new SendingSettings(200, 1000), f.clock, id -> Optional.ofNullable(received.get(id)));
        received.put(ID, new ReceivedMessages.Received(START.minus(Duration.ofMinutes(5)), "alice@sender.test",
                List.of("nobody@example.com", "full@example.com"), "mx.inlet.test", HEADERS, List.of(EAST)));
    }

    @AfterEach
    void close() {
        store.close();
    }

    String call(Scope scope, String... params) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("Action", "SendBounce");
        for (int i = 0; i < params.length; i += 2) {
            map.put(params[i], params[i + 1]);
        }
        XmlWriter out = new XmlWriter();
        operations.get("SendBounce").handle(new ApiRequest("SendBounce", new QueryParams(map), scope,
                UUID.randomUUID().toString()), out);
        return out.toString();
    }

    SesException error(Scope scope, String... params) {
        SesException e = catchThrowableOfType(SesException.class, () -> call(scope, params));
        assertThat(e).as("expected an SES error").isNotNull();
        return e;
    }

    static Message parse(String message) throws IOException {
        return new DefaultMessageBuilder().parseMessage(
                new ByteArrayInputStream(message.getBytes(StandardCharsets.ISO_8859_1)));
    }

    static String text(Entity e) throws IOException {
        try (InputStream in = ((SingleBody) e.getBody()).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void bounceTypeOnlyBuildsAnRfc3464ReportToTheOriginalSenderWithTheNullSender() throws IOException {
        String xml = call(EAST, "OriginalMessageId", ID, "BounceSender", "Mailer <mailer-daemon@example.com>",
                "BouncedRecipientInfoList.member.1.Recipient", "nobody@example.com",
                "BouncedRecipientInfoList.member.1.BounceType", "DoesNotExist",
                "BouncedRecipientInfoList.member.2.Recipient", "full@example.com",
                "BouncedRecipientInfoList.member.2.BounceType", "ExceededQuota");
        assertThat(between(xml, "MessageId")).matches("[0-9a-f]{16}-[0-9a-f-]{36}-000000");

        assertThat(f.outbound.queued).hasSize(1);
        SendingFixture.Queued q = f.outbound.queued.get(0);
        assertThat(q.mailFrom()).isEmpty();
        assertThat(q.recipients()).containsExactly("alice@sender.test");

        Message m = parse(q.message());
        assertThat(m.getFrom().get(0).getAddress()).isEqualTo("mailer-daemon@example.com");
        assertThat(m.getTo().flatten().get(0).getAddress()).isEqualTo("alice@sender.test");
        assertThat(m.getMimeType()).isEqualTo("multipart/report");
        assertThat(m.getHeader().getField("Content-Type").getBody()).contains("report-type=delivery-status");
        assertThat(m.getHeader().getField("Auto-Submitted").getBody()).isEqualTo("auto-replied");
        Multipart parts = (Multipart) m.getBody();
        assertThat(parts.getBodyParts()).hasSize(3);
        assertThat(parts.getBodyParts().get(0).getMimeType()).isEqualTo("text/plain");
        assertThat(text(parts.getBodyParts().get(0))).contains("nobody@example.com", "full@example.com");

        assertThat(parts.getBodyParts().get(1).getMimeType()).isEqualTo("message/delivery-status");
        String status = text(parts.getBodyParts().get(1));
        assertThat(status).startsWith("Reporting-MTA: dns; mx.inlet.test\r\nArrival-Date: Sun, 1 Mar 2026 09:56:00 GMT\r\n\r\n");
        assertThat(status).contains("Final-Recipient: rfc822; nobody@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\n");
        assertThat(status).contains("Final-Recipient: rfc822; full@example.com\r\nAction: failed\r\nStatus: 5.2.2\r\n");

        assertThat(parts.getBodyParts().get(2).getMimeType()).isEqualTo("text/rfc822-headers");
        assertThat(text(parts.getBodyParts().get(2))).startsWith(HEADERS);

        // Counted like any send: one delivery attempt.
        assertThat(f.call(EAST, "GetSendQuota")).contains("<SentLast24Hours>1.0</SentLast24Hours>");
    }

    @Test
    void everyBounceTypeMapsToItsStatus() throws IOException {
        Map<String, String> expected = Map.of("DoesNotExist", "5.1.1", "MessageTooLarge", "5.3.4",
                "ExceededQuota", "5.2.2", "ContentRejected", "5.3.0", "Undefined", "5.0.0", "TemporaryFailure", "4.0.0");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            f.outbound.queued.clear();
            call(EAST, "OriginalMessageId", ID, "BounceSender", "bounce@example.com",
                    "BouncedRecipientInfoList.member.1.Recipient", "nobody@example.com",
                    "BouncedRecipientInfoList.member.1.BounceType", e.getKey());
            Multipart parts = (Multipart) parse(f.outbound.queued.get(0).message()).getBody();
            assertThat(text(parts.getBodyParts().get(1))).as(e.getKey()).contains("Status: " + e.getValue() + "\r\n");
        }
    }

    @Test
    void messageDsnAndRecipientDsnFieldsAreWrittenAsGiven() throws IOException {
        call(EAST, "OriginalMessageId", ID, "BounceSender", "bounce@example.com",
                "Explanation", "Unknown user, sorry. Grüße",
                "MessageDsn.ReportingMta", "dns; mta.example.com",
                "MessageDsn.ArrivalDate", "2026-03-01T09:00:00Z",
                "MessageDsn.ExtensionFields.member.1.Name", "X-Custom", "MessageDsn.ExtensionFields.member.1.Value", "one",
                "BouncedRecipientInfoList.member.1.Recipient", "nobody@example.com",
                "BouncedRecipientInfoList.member.1.RecipientArn", "arn:aws:ses:us-east-1:111122223333:identity/example.com",
                "BouncedRecipientInfoList.member.1.BounceType", "DoesNotExist",
                "BouncedRecipientInfoList.member.1.RecipientDsnFields.FinalRecipient", "real@example.com",
                "BouncedRecipientInfoList.member.1.RecipientDsnFields.Action", "delayed",
                "BouncedRecipientInfoList.member.1.RecipientDsnFields.Status", "4.4.7",
                "BouncedRecipientInfoList.member.1.RecipientDsnFields.RemoteMta", "mx.remote.test",
                "BouncedRecipientInfoList.member.1.RecipientDsnFields.DiagnosticCode", "smtp; 450 try later",
                "BouncedRecipientInfoList.member.1.RecipientDsnFields.LastAttemptDate", "2026-03-01T09:30:00Z",
                "BouncedRecipientInfoList.member.1.RecipientDsnFields.ExtensionFields.member.1.Name", "X-Rcpt",
                "BouncedRecipientInfoList.member.1.RecipientDsnFields.ExtensionFields.member.1.Value", "two");
        Message m = parse(f.outbound.queued.get(0).message());
        Multipart parts = (Multipart) m.getBody();
        TextBody explanation = (TextBody) parts.getBodyParts().get(0).getBody();
        assertThat(explanation.getMimeCharset()).isEqualToIgnoringCase("UTF-8");
        assertThat(text(parts.getBodyParts().get(0))).isEqualTo("Unknown user, sorry. Grüße\r\n");
        assertThat(text(parts.getBodyParts().get(1))).isEqualTo(
                "Reporting-MTA: dns; mta.example.com\r\n"
                        + "Arrival-Date: Sun, 1 Mar 2026 09:00:00 GMT\r\n"
                        + "X-Custom: one\r\n"
                        + "\r\n"
                        + "Final-Recipient: rfc822; real@example.com\r\n"
                        + "Action: delayed\r\n"
                        + "Status: 4.4.7\r\n"
                        + "Remote-MTA: dns; mx.remote.test\r\n"
                        + "Diagnostic-Code: smtp; 450 try later\r\n"
                        + "Last-Attempt-Date: Sun, 1 Mar 2026 09:30:00 GMT\r\n"
                        + "X-Rcpt: two\r\n");
        assertThat(m.getSubject()).isEqualTo("Delivery Status Notification (Delay)");
    }

    @Test
    void unknownOtherAccountsAndOlderThan24HoursAreRejected() {
        String[] rest = {"BounceSender", "bounce@example.com",
                "BouncedRecipientInfoList.member.1.Recipient", "nobody@example.com",
                "BouncedRecipientInfoList.member.1.BounceType", "DoesNotExist"};
        SesException unknown = error(EAST, concat(new String[]{"OriginalMessageId", "nope"}, rest));
        assertThat(unknown.code()).isEqualTo("MessageRejected");
        assertThat(unknown.getMessage()).contains("nope");

        f.verify(OTHER, "example.com");
        assertThat(error(OTHER, concat(new String[]{"OriginalMessageId", ID}, rest)).code()).isEqualTo("MessageRejected");

        f.clock.advance(Duration.ofHours(24));
        assertThat(error(EAST, concat(new String[]{"OriginalMessageId", ID}, rest)).code()).isEqualTo("MessageRejected");
        assertThat(f.outbound.queued).isEmpty();
    }

    @Test
    void anUnverifiedBounceSenderIsRejectedAndCounted() {
        SesException e = error(EAST, "OriginalMessageId", ID, "BounceSender", "bounce@unverified.test",
                "BouncedRecipientInfoList.member.1.Recipient", "nobody@example.com",
                "BouncedRecipientInfoList.member.1.BounceType", "DoesNotExist");
        assertThat(e.code()).isEqualTo("MessageRejected");
        assertThat(e.getMessage()).isEqualTo("Email address is not verified. The following identities failed the check "
                + "in region US-EAST-1: bounce@unverified.test");
        assertThat(f.outbound.queued).isEmpty();
        assertThat(f.call(EAST, "GetSendStatistics")).contains("<Rejects>1</Rejects>");
    }

    @Test
    void missingAndInvalidMembers() {
        assertThat(error(EAST, "BounceSender", "bounce@example.com").getMessage())
                .isEqualTo("1 validation error detected: Value null at 'originalMessageId' failed to satisfy constraint: "
                        + "Member must not be null");
        assertThat(error(EAST, "OriginalMessageId", ID).getMessage()).contains("'bounceSender'");
        assertThat(error(EAST, "OriginalMessageId", ID, "BounceSender", "bounce@example.com").getMessage())
                .contains("'bouncedRecipientInfoList'");
        assertThat(error(EAST, "OriginalMessageId", ID, "BounceSender", "bounce@example.com",
                "BouncedRecipientInfoList.member.1.BounceType", "DoesNotExist").getMessage())
                .contains("'bouncedRecipientInfoList.1.member.recipient'");
        SesException neither = error(EAST, "OriginalMessageId", ID, "BounceSender", "bounce@example.com",
                "BouncedRecipientInfoList.member.1.Recipient", "nobody@example.com");
        assertThat(neither.code()).isEqualTo("InvalidParameterValue");
        SesException badType = error(EAST, "OriginalMessageId", ID, "BounceSender", "bounce@example.com",
                "BouncedRecipientInfoList.member.1.Recipient", "nobody@example.com",
                "BouncedRecipientInfoList.member.1.BounceType", "Gone");
        assertThat(badType.code()).isEqualTo("ValidationError");
        assertThat(badType.getMessage()).contains("Member must satisfy enum value set: [DoesNotExist,");
        SesException noStatus = error(EAST, "OriginalMessageId", ID, "BounceSender", "bounce@example.com",
                "BouncedRecipientInfoList.member.1.Recipient", "nobody@example.com",
                "BouncedRecipientInfoList.member.1.RecipientDsnFields.Action", "failed");
        assertThat(noStatus.getMessage()).contains("'bouncedRecipientInfoList.1.member.recipientDsnFields.status'");
        SesException noMta = error(EAST, "OriginalMessageId", ID, "BounceSender", "bounce@example.com",
                "MessageDsn.ArrivalDate", "2026-03-01T09:00:00Z",
                "BouncedRecipientInfoList.member.1.Recipient", "nobody@example.com",
                "BouncedRecipientInfoList.member.1.BounceType", "DoesNotExist");
        assertThat(noMta.getMessage()).contains("'messageDsn.reportingMta'");
        SesException injected = error(EAST, "OriginalMessageId", ID, "BounceSender", "bounce@example.com",
                "MessageDsn.ReportingMta", "mta\r\nBcc: x@y.test",
                "BouncedRecipientInfoList.member.1.Recipient", "nobody@example.com",
                "BouncedRecipientInfoList.member.1.BounceType", "DoesNotExist");
        assertThat(injected.code()).isEqualTo("InvalidParameterValue");
        assertThat(f.outbound.queued).isEmpty();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
