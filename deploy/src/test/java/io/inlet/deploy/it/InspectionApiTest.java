package io.inlet.deploy.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.deploy.testing.SmtpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.ReceiptAction;
import software.amazon.awssdk.services.ses.model.S3Action;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The inspection API (issue 3 item 6) on the real daemon: configured through the SDK, fed over
 * SMTP, inspected with SigV4-signed HTTP requests as an operator's {@code curl --aws-sigv4} would.
 */
class InspectionApiTest {

    /** Rules for example.com store into {@code mail}; for example.net into {@code parked}, removed to fail. */
    private static final String MAIL = "mail";
    private static final String PARKED = "parked";
    private static final Set<String> RESTRICTED_HEADERS = Set.of("host", "content-length", "connection");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    static RunningInlet inlet;
    static HttpClient http;

    @BeforeAll
    static void start() {
        inlet = RunningInlet.start(dataDir, Map.of(
                "actions.s3.buckets", MAIL + "," + PARKED,
                "processing.initial-backoff", "50ms",
                "processing.max-backoff", "200ms",
                "processing.retry-budget", "1s"));
        http = HttpClient.newHttpClient(); // default HTTP/2 preference: the server must refuse the h2c upgrade
        SesClient ses = inlet.ses();
        ses.verifyDomainIdentity(b -> b.domain("example.com"));
        ses.verifyDomainIdentity(b -> b.domain("example.net"));
        ses.createReceiptRuleSet(b -> b.ruleSetName("inbound"));
        ses.createReceiptRule(b -> b.ruleSetName("inbound").rule(r -> r.name("store").enabled(true)
                .recipients("example.com").actions(s3(MAIL))));
        ses.createReceiptRule(b -> b.ruleSetName("inbound").after("store").rule(r -> r.name("park").enabled(true)
                .recipients("example.net").actions(s3(PARKED))));
        ses.setActiveReceiptRuleSet(b -> b.ruleSetName("inbound"));
    }

    @AfterAll
    static void stop() {
        if (inlet != null) {
            inlet.close();
        }
    }

    @Test
    void aReceivedMessageIsListedShownStreamedAsReceivedAndDeleted() throws Exception {
        String message = "From: Sender <sender@example.org>\r\nTo: bob@example.com\r\nSubject: inspect me\r\n"
                + "Message-ID: <inspect-1@example.org>\r\n\r\nHello Bob.\r\n";
        String id = sendMail("sender@example.org", "bob@example.com", message);

        JsonNode detail = awaitState(id, "PROCESSED");

        assertThat(detail.path("messageId").asText()).isEqualTo(id);
        assertThat(detail.path("size").asLong()).isEqualTo(message.length());
        assertThat(detail.path("receivedAt").asText()).isNotEmpty();
        assertThat(detail.path("envelope").path("mailFrom").asText()).isEqualTo("sender@example.org");
        assertThat(detail.path("envelope").path("recipients").get(0).asText()).isEqualTo("bob@example.com");
        assertThat(detail.path("deadLetter").isNull()).isTrue();
        JsonNode verdicts = detail.path("processing").path("verdicts");
        assertThat(verdicts.path("spf").asText()).isNotEmpty();
        assertThat(verdicts.path("dkim").asText()).isNotEmpty();
        JsonNode rule = detail.path("plans").get(0).path("rules").get(0);
        assertThat(rule.path("name").asText()).isEqualTo("store");
        assertThat(rule.path("matchedRecipients").get(0).asText()).isEqualTo("bob@example.com");
        JsonNode action = rule.path("actions").get(0);
        assertThat(action.path("type").asText()).isEqualTo("S3Action");
        assertThat(action.path("parameters").path("BucketName").asText()).isEqualTo(MAIL);
        assertThat(action.path("state").asText()).isEqualTo("DONE");
        assertThat(action.path("outcome").asText()).isEqualTo("CONTINUE");
        assertThat(action.path("millis").isNumber()).isTrue();
        assertThat(action.path("attempts").asInt()).isEqualTo(1);
        assertThat(action.path("finishedAt").asText()).isNotEmpty();
        assertThat(dataDir.resolve("s3").resolve(MAIL).resolve(id)).exists();

        assertThat(ids(get("/_inlet/messages?recipient=BOB%40Example.com"))).contains(id);
        assertThat(ids(get("/_inlet/messages?state=processed&recipient=bob%40example.com&limit=5"))).contains(id);
        assertThat(ids(get("/_inlet/messages?recipient=nobody%40example.com"))).doesNotContain(id);
        assertThat(ids(get("/_inlet/messages?state=dead"))).doesNotContain(id);
        JsonNode listed = get("/_inlet/messages?recipient=bob%40example.com").path("messages").get(0);
        assertThat(listed.path("state").asText()).isEqualTo("PROCESSED");
        assertThat(listed.path("size").asLong()).isEqualTo(message.length());

        HttpResponse<byte[]> raw = send("GET", "/_inlet/messages/" + id + "/raw");
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.headers().firstValue("Content-Type")).contains("message/rfc822");
        assertThat(raw.body()).isEqualTo(message.getBytes(StandardCharsets.US_ASCII)); // as received, nothing prepended

        assertThat(send("DELETE", "/_inlet/messages/" + id).statusCode()).isEqualTo(204);
        assertError(send("GET", "/_inlet/messages/" + id), 404, "MessageNotFound");
        assertError(send("GET", "/_inlet/messages/" + id + "/raw"), 404, "MessageNotFound");
        assertError(send("DELETE", "/_inlet/messages/" + id), 404, "MessageNotFound");
        assertThat(ids(get("/_inlet/messages"))).doesNotContain(id);
    }

    @Test
    void aLargeMessageIsStreamedWhole() throws Exception {
        StringBuilder message = new StringBuilder("From: sender@example.org\r\nTo: big@example.com\r\n"
                + "Subject: large\r\n\r\n");
        String line = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdef\r\n";
        while (message.length() < 6 * 1024 * 1024) {
            message.append(line);
        }
        String id = sendMail("sender@example.org", "big@example.com", message.toString());
        awaitState(id, "PROCESSED");

        HttpResponse<byte[]> raw = send("GET", "/_inlet/messages/" + id + "/raw");

        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.headers().firstValueAsLong("Content-Length")).hasValue(message.length());
        assertThat(raw.body()).isEqualTo(message.toString().getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aDeadLetterIsListedAndReplayedOnceItsBucketIsBack() throws Exception {
        Path bucket = dataDir.resolve("s3").resolve(PARKED);
        deleteRecursively(bucket); // a missing bucket is a retryable failure: retried, then dead-lettered
        String id = sendMail("sender@example.org", "carol@example.net",
                "From: sender@example.org\r\nTo: carol@example.net\r\nSubject: parked\r\n\r\nHi.\r\n");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLetters()).contains(id));
        JsonNode dead = get("/_inlet/dead-letters").path("deadLetters").get(0);
        assertThat(dead.path("messageId").asText()).isEqualTo(id);
        assertThat(dead.path("reason").asText()).contains(PARKED);
        assertThat(dead.path("deadAt").asText()).isNotEmpty();
        JsonNode detail = get("/_inlet/messages/" + id);
        assertThat(detail.path("state").asText()).isEqualTo("DEAD");
        assertThat(detail.path("deadLetter").path("reason").asText()).contains(PARKED);
        assertThat(detail.path("plans").get(0).path("rules").get(0).path("actions").get(0).path("state").asText())
                .isEqualTo("FAILING");
        assertThat(ids(get("/_inlet/messages?state=DEAD&recipient=carol%40example.net"))).containsExactly(id);

        Files.createDirectories(bucket);
        HttpResponse<byte[]> replay = send("POST", "/_inlet/dead-letters/" + id + "/replay");

        assertThat(replay.statusCode()).isEqualTo(202);
        awaitState(id, "PROCESSED");
        assertThat(bucket.resolve(id)).exists();
        assertThat(deadLetters()).doesNotContain(id);
        assertError(send("POST", "/_inlet/dead-letters/" + id + "/replay"), 404, "MessageNotFound");
    }

    @Test
    void requestsMustBeSignedAndNameWellFormedIds() throws Exception {
        HttpResponse<byte[]> unsigned = http.send(HttpRequest.newBuilder(inlet.endpoint().resolve("/_inlet/messages"))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertError(unsigned, 403, "MissingAuthenticationToken");
        assertError(send("GET", "/_inlet/messages", RunningInlet.SECRET_KEY + "x"), 403, null);

        assertError(send("GET", "/_inlet/messages/not-an-id"), 400, "InvalidParameterValue");
        assertError(send("GET", "/_inlet/messages/" + "A".repeat(40) + "/raw"), 400, "InvalidParameterValue");
        assertError(send("DELETE", "/_inlet/messages/..%2Fspool.lock"), 400, "InvalidParameterValue");
        assertError(send("POST", "/_inlet/dead-letters/" + "w".repeat(40) + "/replay"), 400, "InvalidParameterValue");
        assertError(send("GET", "/_inlet/messages/" + "0".repeat(40)), 404, "MessageNotFound");
        assertError(send("POST", "/_inlet/dead-letters/" + "0".repeat(40) + "/replay"), 404, "MessageNotFound");
        assertError(send("GET", "/_inlet/messages?state=bogus"), 400, "InvalidParameterValue");
        assertError(send("GET", "/_inlet/messages?limit=0"), 400, "InvalidParameterValue");
        assertError(send("GET", "/_inlet/dead-letters?limit=x"), 400, "InvalidParameterValue");
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static ReceiptAction s3(String bucket) {
        return ReceiptAction.builder().s3Action(S3Action.builder().bucketName(bucket).build()).build();
    }

    private static JsonNode awaitState(String id, String state) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<byte[]> r = send("GET", "/_inlet/messages/" + id);
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        }, d -> d != null && d.path("state").asText().equals(state));
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.path("messages").forEach(m -> ids.add(m.path("messageId").asText()));
        return ids;
    }

    private static List<String> deadLetters() throws Exception {
        List<String> ids = new ArrayList<>();
        get("/_inlet/dead-letters").path("deadLetters").forEach(m -> ids.add(m.path("messageId").asText()));
        return ids;
    }

    private static JsonNode get(String pathAndQuery) throws Exception {
        HttpResponse<byte[]> r = send("GET", pathAndQuery);
        assertThat(r.statusCode()).as("GET %s: %s", pathAndQuery, new String(r.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        return JSON.readTree(r.body());
    }

    private static void assertError(HttpResponse<byte[]> r, int status, String code) throws IOException {
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode error = JSON.readTree(r.body()).path("error");
        assertThat(error.path("message").asText()).isNotEmpty();
        if (code != null) {
            assertThat(error.path("code").asText()).isEqualTo(code);
        }
    }

    private static HttpResponse<byte[]> send(String method, String pathAndQuery) throws Exception {
        return send(method, pathAndQuery, RunningInlet.SECRET_KEY);
    }

    /** A request signed with SigV4 (service ses, us-east-1) by the SDK's own signer. */
    private static HttpResponse<byte[]> send(String method, String pathAndQuery, String secret) throws Exception {
        int q = pathAndQuery.indexOf('?');
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method))
                .protocol("http").host("127.0.0.1").port(inlet.endpoint().getPort())
                .encodedPath(q < 0 ? pathAndQuery : pathAndQuery.substring(0, q));
        if (q >= 0) {
            for (String pair : pathAndQuery.substring(q + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                request.appendRawQueryParameter(decode(kv[0]), decode(kv[1]));
            }
        }
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(RunningInlet.ACCESS_KEY, secret))
                .request(request.build())
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "ses")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        HttpRequest.Builder out = HttpRequest.newBuilder(signed.getUri())
                .method(method, HttpRequest.BodyPublishers.noBody());
        signed.headers().forEach((name, values) -> {
            if (!RESTRICTED_HEADERS.contains(name.toLowerCase())) {
                values.forEach(v -> out.header(name, v));
            }
        });
        return http.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** One message over a plain SMTP session; returns the ID from the 250 reply. */
    private static String sendMail(String from, String to, String message) throws IOException {
        return SmtpClient.sendMail(inlet.smtpPort(), from, to, message); // no line starts with a dot
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
