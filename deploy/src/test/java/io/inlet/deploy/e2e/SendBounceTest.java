package io.inlet.deploy.e2e;

import io.inlet.deploy.it.RunningInlet;
import io.inlet.deploy.testing.SmtpClient;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.BounceType;
import software.amazon.awssdk.services.ses.model.BouncedRecipientInfo;
import software.amazon.awssdk.services.ses.model.DsnAction;
import software.amazon.awssdk.services.ses.model.MessageRejectedException;
import software.amazon.awssdk.services.ses.model.SesException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.inlet.deploy.e2e.ReceivingSetup.addHeader;
import static io.inlet.deploy.e2e.ReceivingSetup.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * SendBounce through the running daemon (issue 6 item 5): a message received over SMTP is bounced
 * through the API, and the RFC 3464 DSN reaches the relay, addressed to the original envelope
 * sender with the null envelope sender; unknown messages, unverified senders and missing members
 * get SES's errors.
 */
class SendBounceTest {
    static final String SENDER = "alice@client.test";
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    static RunningInlet daemon;
    static RelaySink relay;
    static SesClient ses;

    @BeforeAll
    static void start() throws IOException {
        relay = new RelaySink();
        daemon = RunningInlet.start(dir.resolve("data"), relay.settings(Map.of()));
        ReceivingSetup setup = ReceivingSetup.of(daemon).domains("bounce.test");
        setup.ruleSet("inbox")
                .rule(rule("keep", List.of("bounce.test"), addHeader("X-Kept", "yes")))
                .activate()
                .live();
        ses = setup.ses();
    }

    @AfterAll
    static void close() throws Exception {
        Resources.closeAll(daemon, relay);
    }

    static String receive(String subject, String... recipients) throws IOException {
        return SmtpClient.sendMail(daemon.smtpPort(), SENDER, List.of(recipients), TestMail.message(SENDER, recipients[0], subject));
    }

    static Message parse(String text) throws IOException {
        return new DefaultMessageBuilder().parseMessage(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    static String text(Entity e) throws IOException {
        try (InputStream in = ((SingleBody) e.getBody()).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static RelaySink.Received awaitMessage(String containing) {
        return await().atMost(WAIT).until(() -> relay.received().stream()
                .filter(r -> r.text().contains(containing)).findFirst().orElse(null), r -> r != null);
    }

    @Test
    void theDsnReachesTheOriginalSenderWithTheNullSender() throws IOException {
        String id = receive("please bounce", "gone@bounce.test", "full@bounce.test");

        String bounceId = ses.sendBounce(r -> r.originalMessageId(id)
                .bounceSender("Mail Delivery <mailer-daemon@bounce.test>")
                .explanation("bounce-explanation-1: these mailboxes are gone")
                .messageDsn(d -> d.reportingMta("dns; mx.bounce.test").arrivalDate(Instant.parse("2026-01-01T00:00:00Z")))
                .bouncedRecipientInfoList(
                        BouncedRecipientInfo.builder().recipient("gone@bounce.test").bounceType(BounceType.DOES_NOT_EXIST)
                                .build(),
                        BouncedRecipientInfo.builder().recipient("full@bounce.test").recipientDsnFields(f -> f
                                .action(DsnAction.FAILED).status("5.2.2").diagnosticCode("smtp; 552 5.2.2 mailbox full")
                                .remoteMta("dns; store.bounce.test")).build())).messageId();
        assertThat(bounceId).isNotBlank();

        RelaySink.Received dsn = awaitMessage("bounce-explanation-1");
        assertThat(dsn.mailFrom()).isEmpty();
        assertThat(dsn.recipients()).containsExactly(SENDER);
        Message m = parse(dsn.text());
        assertThat(m.getMessageId()).contains(bounceId);
        assertThat(m.getFrom().get(0).getAddress()).isEqualTo("mailer-daemon@bounce.test");
        assertThat(m.getTo().flatten().get(0).getAddress()).isEqualTo(SENDER);
        assertThat(m.getMimeType()).isEqualTo("multipart/report");
        assertThat(m.getHeader().getField("Content-Type").getBody()).contains("report-type=delivery-status");
        List<Entity> parts = ((Multipart) m.getBody()).getBodyParts();
        assertThat(parts).extracting(Entity::getMimeType)
                .containsExactly("text/plain", "message/delivery-status", "text/rfc822-headers");
        assertThat(text(parts.get(0))).contains("bounce-explanation-1: these mailboxes are gone");
        String status = text(parts.get(1));
        assertThat(status).startsWith("Reporting-MTA: dns; mx.bounce.test\r\nArrival-Date: Thu, 1 Jan 2026 00:00:00 GMT\r\n");
        assertThat(status).contains("Final-Recipient: rfc822; gone@bounce.test\r\nAction: failed\r\nStatus: 5.1.1\r\n");
        assertThat(status).contains("Final-Recipient: rfc822; full@bounce.test\r\nAction: failed\r\nStatus: 5.2.2\r\n"
                + "Remote-MTA: dns; store.bounce.test\r\nDiagnostic-Code: smtp; 552 5.2.2 mailbox full\r\n");
        assertThat(text(parts.get(2))).contains("Subject: please bounce", "From: Sender <" + SENDER + ">");

        // Counted in the send statistics like any other send.
        assertThat(ses.getSendQuota().sentLast24Hours()).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void withoutMessageDsnTheReceivingHostReportsAndTheArrivalIsTheReceipt() throws IOException {
        String id = receive("bounce-defaults", "gone@bounce.test");
        ses.sendBounce(r -> r.originalMessageId(id).bounceSender("postmaster@bounce.test")
                .bouncedRecipientInfoList(BouncedRecipientInfo.builder().recipient("gone@bounce.test")
                        .bounceType(BounceType.TEMPORARY_FAILURE).build()));
        RelaySink.Received dsn = awaitMessage("Subject: bounce-defaults");
        String status = text(((Multipart) parse(dsn.text()).getBody()).getBodyParts().get(1));
        assertThat(status).startsWith("Reporting-MTA: dns; ").contains("Arrival-Date: ",
                "Final-Recipient: rfc822; gone@bounce.test", "Status: 4.0.0");
    }

    @Test
    void unknownMessagesAndUnverifiedSendersAreRejected() throws IOException {
        MessageRejectedException unknown = catchThrowableOfType(MessageRejectedException.class,
                () -> ses.sendBounce(r -> r.originalMessageId("0000000000000000000000000000000000000000")
                        .bounceSender("postmaster@bounce.test")
                        .bouncedRecipientInfoList(BouncedRecipientInfo.builder().recipient("gone@bounce.test")
                                .bounceType(BounceType.DOES_NOT_EXIST).build())));
        assertThat(unknown).isNotNull();
        assertThat(unknown.awsErrorDetails().errorMessage()).contains("0000000000000000000000000000000000000000");

        String id = receive("unverified-bounce", "gone@bounce.test");
        MessageRejectedException unverified = catchThrowableOfType(MessageRejectedException.class,
                () -> ses.sendBounce(r -> r.originalMessageId(id).bounceSender("postmaster@elsewhere.test")
                        .bouncedRecipientInfoList(BouncedRecipientInfo.builder().recipient("gone@bounce.test")
                                .bounceType(BounceType.DOES_NOT_EXIST).build())));
        assertThat(unverified).isNotNull();
        assertThat(unverified.awsErrorDetails().errorMessage()).isEqualTo("Email address is not verified. The following "
                + "identities failed the check in region US-EAST-1: postmaster@elsewhere.test");
    }

    @Test
    void missingMembersAreValidationErrors() {
        SesException noRecipients = catchThrowableOfType(SesException.class,
                () -> ses.sendBounce(r -> r.originalMessageId("0000000000000000000000000000000000000000")
                        .bounceSender("postmaster@bounce.test")));
        assertThat(noRecipients.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
        assertThat(noRecipients.awsErrorDetails().errorMessage()).contains("'bouncedRecipientInfoList'");

        SesException noSender = catchThrowableOfType(SesException.class,
                () -> ses.sendBounce(r -> r.originalMessageId("0000000000000000000000000000000000000000")
                        .bouncedRecipientInfoList(BouncedRecipientInfo.builder().recipient("gone@bounce.test")
                                .bounceType(BounceType.DOES_NOT_EXIST).build())));
        assertThat(noSender.awsErrorDetails().errorMessage()).contains("'bounceSender'");

        SesException neither = catchThrowableOfType(SesException.class,
                () -> ses.sendBounce(r -> r.originalMessageId("0000000000000000000000000000000000000000")
                        .bounceSender("postmaster@bounce.test")
                        .bouncedRecipientInfoList(BouncedRecipientInfo.builder().recipient("gone@bounce.test").build())));
        assertThat(neither.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
    }
}
