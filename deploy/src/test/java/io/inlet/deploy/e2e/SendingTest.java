package io.inlet.deploy.e2e;

import io.inlet.config.identity.dkim.DkimKey;
import io.inlet.config.identity.dkim.DkimSettings;
import io.inlet.config.store.Scope;
import io.inlet.deploy.it.RunningInlet;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.Body;
import software.amazon.awssdk.services.ses.model.Content;
import software.amazon.awssdk.services.ses.model.Destination;
import software.amazon.awssdk.services.ses.model.GetSendQuotaResponse;
import software.amazon.awssdk.services.ses.model.MessageRejectedException;
import software.amazon.awssdk.services.ses.model.SendDataPoint;
import software.amazon.awssdk.services.ses.model.SendEmailRequest;
import software.amazon.awssdk.services.ses.model.SesException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * SendEmail, SendRawEmail, GetSendQuota and GetSendStatistics through the running daemon (issue 6
 * items 5 and 6): the mail really leaves through the outbound queue and arrives at the relay with
 * the envelope and headers SES would give it; every validation error comes back as SES's error;
 * a small configured quota is enforced.
 */
class SendingTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    static RunningInlet daemon;
    static RelaySink relay;
    static SesClient ses;

    @BeforeAll
    static void start() throws IOException {
        relay = new RelaySink();
        daemon = RunningInlet.start(dir.resolve("data"), relay.settings(Map.of(
                "sending.max-24-hour-send", "1000", "sending.max-send-rate", "1000")));
        ses = noRetries(daemon);
        ses.verifyDomainIdentity(r -> r.domain("send.test"));
        ses.verifyEmailIdentity(r -> r.emailAddress("alice@single.test"));
    }

    @AfterAll
    static void close() throws Exception {
        Resources.closeAll(daemon, relay);
    }

    /** Throttling is retried by the SDK by default; these tests want to see it. */
    static SesClient noRetries(RunningInlet inlet) {
        return SesClient.builder().endpointOverride(inlet.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(RunningInlet.ACCESS_KEY, RunningInlet.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    static RelaySink.Received awaitMessage(String containing) {
        return await().atMost(WAIT).until(() -> relay.received().stream()
                .filter(r -> r.text().contains(containing)).findFirst().orElse(null), r -> r != null);
    }

    static Message parse(String text) throws IOException {
        return new DefaultMessageBuilder().parseMessage(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    static String text(TextBody body) throws IOException {
        try (InputStream in = body.getInputStream()) {
            return new String(in.readAllBytes(), body.getMimeCharset());
        }
    }

    static Consumer<SendEmailRequest.Builder> simple(String source, String... to) {
        return r -> r.source(source).destination(d -> d.toAddresses(to))
                .message(m -> m.subject(c -> c.data("s")).body(b -> b.text(c -> c.data("b"))));
    }

    static SdkBytes raw(String text) {
        return SdkBytes.fromUtf8String(text);
    }

    @Test
    void sendEmailIsDeliveredWithItsEnvelopeAndHeaders() throws IOException {
        String id = ses.sendEmail(r -> r.source("Alice Sender <alice@send.test>")
                .destination(Destination.builder().toAddresses("to@dest.test").ccAddresses("cc@dest.test")
                        .bccAddresses("hidden@dest.test").build())
                .replyToAddresses("replies@send.test")
                .returnPath("bounces@send.test")
                .message(m -> m.subject(Content.builder().data("Ünïcode subject").charset("UTF-8").build())
                        .body(Body.builder().text(c -> c.data("Hello in text"))
                                .html(c -> c.data("<p>Hello in html</p>")).build()))).messageId();

        RelaySink.Received got = awaitMessage(id);
        assertThat(got.mailFrom()).isEqualTo("bounces@send.test");
        assertThat(got.recipients()).containsExactlyInAnyOrder("to@dest.test", "cc@dest.test", "hidden@dest.test");
        assertThat(got.text()).doesNotContain("hidden@dest.test");
        Message m = parse(got.text());
        assertThat(m.getSubject()).isEqualTo("Ünïcode subject");
        assertThat(m.getFrom().get(0).getAddress()).isEqualTo("alice@send.test");
        assertThat(m.getFrom().get(0).getName()).isEqualTo("Alice Sender");
        assertThat(m.getTo().flatten().get(0).getAddress()).isEqualTo("to@dest.test");
        assertThat(m.getCc().flatten().get(0).getAddress()).isEqualTo("cc@dest.test");
        assertThat(m.getReplyTo().flatten().get(0).getAddress()).isEqualTo("replies@send.test");
        assertThat(m.getMessageId()).contains(id);
        Multipart alt = (Multipart) m.getBody();
        assertThat(text((TextBody) alt.getBodyParts().get(0).getBody())).isEqualTo("Hello in text");
        assertThat(text((TextBody) alt.getBodyParts().get(1).getBody())).isEqualTo("<p>Hello in html</p>");
    }

    @Test
    void sendRawEmailIsDeliveredWithoutTheSesHeaders() {
        String message = "From: alice@single.test\r\nTo: a@dest.test\r\nBcc: b@dest.test\r\n"
                + "X-SES-SOURCE-ARN: arn:aws:ses:us-east-1:" + RunningInlet.ACCOUNT + ":identity/alice@single.test\r\n"
                + "Subject: raw one\r\nX-Marker: raw-marker-1\r\n\r\nraw body\r\n";
        String id = ses.sendRawEmail(r -> r.rawMessage(m -> m.data(raw(message)))).messageId();
        RelaySink.Received got = awaitMessage("raw-marker-1");
        assertThat(id).isNotBlank();
        assertThat(got.mailFrom()).isEqualTo("alice@single.test");
        assertThat(got.recipients()).containsExactlyInAnyOrder("a@dest.test", "b@dest.test");
        assertThat(got.text()).doesNotContain("X-SES-SOURCE-ARN").doesNotContain("Bcc:")
                .contains("Subject: raw one").contains("raw body").contains("Message-ID: <" + id);

        ses.sendRawEmail(r -> r.source("alice@send.test").destinations("only@dest.test")
                .rawMessage(m -> m.data(raw("From: alice@send.test\nTo: x@dest.test\nX-Marker: raw-marker-2\n\nb\n"))));
        RelaySink.Received second = awaitMessage("raw-marker-2");
        assertThat(second.recipients()).containsExactly("only@dest.test");
        assertThat(second.mailFrom()).isEqualTo("alice@send.test");
    }

    @Test
    void unverifiedSourcesAreMessageRejected() {
        MessageRejectedException e = catchThrowableOfType(MessageRejectedException.class,
                () -> ses.sendEmail(simple("John Smith <foobar@unverified.test>", "to@dest.test")));
        assertThat(e).isNotNull();
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Email address is not verified. The following identities"
                + " failed the check in region US-EAST-1: John Smith <foobar@unverified.test>");
        MessageRejectedException from = catchThrowableOfType(MessageRejectedException.class,
                () -> ses.sendRawEmail(r -> r.rawMessage(m -> m.data(raw("From: bob@unverified.test\nTo: a@dest.test\n\nb\n")))));
        assertThat(from.awsErrorDetails().errorMessage()).endsWith(": bob@unverified.test");
        MessageRejectedException none = catchThrowableOfType(MessageRejectedException.class,
                () -> ses.sendRawEmail(r -> r.destinations("a@dest.test").rawMessage(m -> m.data(raw("Subject: x\n\nb\n")))));
        assertThat(none.awsErrorDetails().errorMessage()).isEqualTo("Source not specified");
    }

    @Test
    void malformedRequestsGetSesErrors() {
        SesException missing = catchThrowableOfType(SesException.class,
                () -> ses.sendEmail(simple("alice@send.test", "invalid_address")));
        assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
        assertThat(missing.awsErrorDetails().errorMessage()).isEqualTo("Missing domain");
        SesException illegal = catchThrowableOfType(SesException.class,
                () -> ses.sendEmail(simple("alice@send.test", "jürgen@dest.test")));
        assertThat(illegal.awsErrorDetails().errorMessage()).isEqualTo("Illegal address");

        List<String> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add("r" + i + "@dest.test");
        }
        MessageRejectedException tooMany = catchThrowableOfType(MessageRejectedException.class,
                () -> ses.sendEmail(simple("alice@send.test", many.toArray(String[]::new))));
        assertThat(tooMany.awsErrorDetails().errorMessage()).isEqualTo("Too many recipients.");

        byte[] big = new byte[10 * 1024 * 1024 + 1];
        Arrays.fill(big, (byte) 'a');
        byte[] head = "From: alice@send.test\r\nTo: a@dest.test\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, big, 0, head.length);
        MessageRejectedException tooBig = catchThrowableOfType(MessageRejectedException.class,
                () -> ses.sendRawEmail(r -> r.rawMessage(m -> m.data(SdkBytes.fromByteArray(big)))));
        assertThat(tooBig.awsErrorDetails().errorMessage()).isEqualTo("Message length is more than 10485760 bytes long: '10485761'.");

        SesException noSubject = catchThrowableOfType(SesException.class, () -> ses.sendEmail(r -> r.source("alice@send.test")
                .destination(d -> d.toAddresses("a@dest.test")).message(m -> m.body(b -> b.text(c -> c.data("b"))))));
        assertThat(noSubject.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
        assertThat(noSubject.awsErrorDetails().errorMessage()).contains("Value null at 'message.subject'");
    }

    @Test
    void statisticsCountDeliveryAttemptsAndRejects() {
        long attempts = sum(SendDataPoint::deliveryAttempts);
        long rejects = sum(SendDataPoint::rejects);
        double sent = ses.getSendQuota().sentLast24Hours();
        ses.sendEmail(simple("alice@send.test", "s1@dest.test", "s2@dest.test"));
        catchThrowableOfType(MessageRejectedException.class, () -> ses.sendEmail(simple("x@unverified.test", "s3@dest.test")));

        assertThat(sum(SendDataPoint::deliveryAttempts)).isEqualTo(attempts + 2);
        assertThat(sum(SendDataPoint::rejects)).isEqualTo(rejects + 1);
        GetSendQuotaResponse quota = ses.getSendQuota();
        assertThat(quota.sentLast24Hours()).isEqualTo(sent + 2);
        assertThat(quota.max24HourSend()).isEqualTo(1000.0);
        assertThat(quota.maxSendRate()).isEqualTo(1000.0);
        assertThat(ses.getSendStatistics().sendDataPoints()).allSatisfy(p ->
                assertThat(p.timestamp().getEpochSecond() % 900).isZero());
    }

    static long sum(java.util.function.ToLongFunction<SendDataPoint> member) {
        return ses.getSendStatistics().sendDataPoints().stream()
                .mapToLong(member).sum();
    }

    @Test
    void mailFromAnEasyDkimDomainIsSignedAndUsesItsCustomMailFrom() throws Exception {
        ses.verifyDomainIdentity(r -> r.domain("dkim.test"));
        List<String> tokens = ses.verifyDomainDkim(r -> r.domain("dkim.test")).dkimTokens();
        ses.setIdentityMailFromDomain(r -> r.identity("dkim.test").mailFromDomain("bounce.dkim.test"));

        String id = ses.sendEmail(simple("news@dkim.test", "reader@dest.test")).messageId();
        RelaySink.Received got = awaitMessage(id);
        assertThat(got.mailFrom()).isEqualTo(id + "@bounce.dkim.test");
        assertThat(got.text()).startsWith("DKIM-Signature:");

        // The public key as the operator publishes it, read from the store as `inlet dkim records` does.
        DkimKey key = daemon.inlet().store().read(tx -> DkimSettings.of(tx,
                new Scope(RunningInlet.ACCOUNT, "us-east-1"), "dkim.test")).orElseThrow().keys().get(0);
        assertThat(tokens).contains(key.token());
        DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> {
            assertThat(selector + "._domainkey." + domain).isEqualTo(key.recordName("dkim.test"));
            return List.of(key.txtValue());
        });
        assertThat(verifier.verify(new ByteArrayInputStream(got.text().getBytes(StandardCharsets.UTF_8)))).hasSize(1);

        // Without Easy DKIM, nothing is signed and the envelope sender is the Source.
        String plain = ses.sendEmail(simple("alice@send.test", "reader@dest.test")).messageId();
        RelaySink.Received unsigned = awaitMessage(plain);
        assertThat(unsigned.text()).doesNotContain("DKIM-Signature");
        assertThat(unsigned.mailFrom()).isEqualTo("alice@send.test");
    }

    @Test
    void aSmallConfiguredQuotaIsEnforced() {
        try (RunningInlet small = RunningInlet.start(dir.resolve("small"), relay.settings(Map.of(
                "sending.max-24-hour-send", "2", "sending.max-send-rate", "100")))) {
            SesClient client = noRetries(small);
            client.verifyDomainIdentity(r -> r.domain("send.test"));
            GetSendQuotaResponse quota = client.getSendQuota();
            assertThat(quota.max24HourSend()).isEqualTo(2.0);
            assertThat(quota.maxSendRate()).isEqualTo(100.0);

            client.sendEmail(simple("alice@send.test", "q1@dest.test", "q2@dest.test"));
            SesException e = catchThrowableOfType(SesException.class,
                    () -> client.sendEmail(simple("alice@send.test", "q3@dest.test")));
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Daily message quota exceeded.");
            assertThat(client.getSendQuota().sentLast24Hours()).isEqualTo(2.0);
            await().atMost(WAIT).until(() -> relay.received().stream().anyMatch(r -> r.recipients().contains("q2@dest.test")));
            assertThat(relay.received()).noneMatch(r -> r.recipients().contains("q3@dest.test"));
            client.close();
        }
    }

    @Test
    void theSendRateIsEnforced() {
        try (RunningInlet slow = RunningInlet.start(dir.resolve("slow"), relay.settings(Map.of(
                "sending.max-24-hour-send", "100", "sending.max-send-rate", "0.001")))) {
            SesClient client = noRetries(slow);
            client.verifyDomainIdentity(r -> r.domain("send.test"));
            client.sendEmail(simple("alice@send.test", "r1@dest.test"));
            SesException e = catchThrowableOfType(SesException.class,
                    () -> client.sendEmail(simple("alice@send.test", "r2@dest.test")));
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Maximum sending rate exceeded.");
            client.close();
        }
    }
}
