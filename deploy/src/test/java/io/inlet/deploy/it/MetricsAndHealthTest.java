package io.inlet.deploy.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.config.store.StoreTransaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.AlreadyExistsException;
import software.amazon.awssdk.services.ses.model.ReceiptAction;
import software.amazon.awssdk.services.ses.model.ReceiptRule;
import software.amazon.awssdk.services.ses.model.S3Action;
import software.amazon.awssdk.services.ses.model.TlsPolicy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code /metrics} after a known sequence of SMTP sessions and API calls (names, tags, exact
 * counter values, timer counts), and {@code /health/live} and {@code /health/ready}, including a
 * readiness failure: a spool bounded to one message holding one that keeps failing.
 */
class MetricsAndHealthTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String SENDER = "sender@client.test";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    @Test
    void metricsAfterAKnownSequenceAndHealthUp() throws Exception {
        try (RunningInlet daemon = RunningInlet.start(dir.resolve("data"), Map.of("actions.s3.buckets", "mail"))) {
            SesClient ses = daemon.ses();
            // 4 successful API calls, then 1 error
            configure(daemon, ses, "mail");
            assertThatThrownBy(() -> ses.createReceiptRuleSet(b -> b.ruleSetName("inbound")))
                    .isInstanceOf(AlreadyExistsException.class);
            // an unsigned request for an action that does not exist: tagged "unknown", not with the caller's text
            assertThat(get(daemon, "/?Action=NoSuchAction" + System.nanoTime() + "&Version=2010-12-01").statusCode())
                    .isEqualTo(403);

            String first = message("first");
            String second = message("second");
            try (Smtp smtp = new Smtp(daemon.smtpPort())) {
                smtp.expect("220");
                smtp.command("EHLO client.test", "250");
                smtp.command("MAIL FROM:<" + SENDER + ">", "250");
                smtp.command("RCPT TO:<alice@example.com>", "250");
                smtp.command("RCPT TO:<nobody@elsewhere.test>", "550 5.1.1");
                smtp.command("DATA", "354");
                smtp.command(first + ".", "250 2.6.0");
                smtp.command("MAIL FROM:<" + SENDER + ">", "250");
                smtp.command("RCPT TO:<bob@example.com>", "250");
                smtp.command("DATA", "354");
                smtp.command(second + ".", "250 2.6.0");
                smtp.command("QUIT", "221");
            }
            await("both processed").atMost(WAIT)
                    .until(() -> daemon.inlet().spool().usage().processedMessages() == 2);

            Map<String, Double> m = await("metrics settled").atMost(WAIT).until(() -> metrics(daemon),
                    s -> s.getOrDefault("inlet_smtp_connections_open", -1.0) == 0
                            && s.getOrDefault("inlet_actions_processing_latency_seconds_count", 0.0) == 2);

            // SMTP
            assertThat(m).containsEntry("inlet_smtp_connections_total", 1.0)
                    .containsEntry("inlet_smtp_connections_open", 0.0)
                    .containsEntry("inlet_smtp_connections_refused_total{reason=limit}", 0.0)
                    .containsEntry("inlet_smtp_connections_refused_total{reason=shutdown}", 0.0)
                    .containsEntry("inlet_smtp_recipients_total{reason=none,result=accepted}", 2.0)
                    .containsEntry("inlet_smtp_recipients_total{reason=no_rule,result=refused}", 1.0)
                    .containsEntry("inlet_smtp_recipients_total{reason=filter,result=refused}", 0.0)
                    .containsEntry("inlet_smtp_recipients_total{reason=tls_policy,result=refused}", 0.0)
                    .containsEntry("inlet_smtp_recipients_total{reason=too_many_recipients,result=refused}", 0.0)
                    .containsEntry("inlet_smtp_messages_total{reason=none,result=accepted}", 2.0)
                    .containsEntry("inlet_smtp_messages_total{reason=spool_full,result=refused}", 0.0)
                    .containsEntry("inlet_smtp_accepted_bytes_total",
                            (double) (stored(first) + stored(second)));
            // spool
            assertThat(m).containsEntry("inlet_spool_messages{state=queued}", 0.0)
                    .containsEntry("inlet_spool_messages{state=dead}", 0.0)
                    .containsEntry("inlet_spool_messages{state=processed}", 2.0)
                    .containsEntry("inlet_spool_bytes", 0.0)
                    .containsEntry("inlet_spool_processed_bytes", (double) (stored(first) + stored(second)))
                    .containsEntry("inlet_spool_max_messages", 100000.0)
                    .containsEntry("inlet_spool_oldest_age_seconds", 0.0);
            // actions
            assertThat(m).containsEntry("inlet_actions_executions_seconds_count{outcome=continue,type=S3Action}", 2.0)
                    .containsEntry("inlet_actions_retries_total", 0.0)
                    .containsEntry("inlet_actions_dead_letters_total", 0.0)
                    .containsEntry("inlet_actions_processing_latency_seconds_count", 2.0)
                    .containsEntry("inlet_actions_processing_latency_seconds_bucket{le=+Inf}", 2.0)
                    .containsEntry("inlet_actions_in_flight", 0.0)
                    .doesNotContainKey("inlet_actions_executions_seconds_count{outcome=failed,type=S3Action}");
            assertThat(m.get("inlet_actions_processing_latency_seconds_sum")).isPositive();
            // API: timers by action and error code
            assertThat(filtered(m, "inlet_api_requests_seconds_count")).isEqualTo(Map.of(
                    "inlet_api_requests_seconds_count{action=VerifyDomainIdentity,code=none}", 1.0,
                    "inlet_api_requests_seconds_count{action=CreateReceiptRuleSet,code=none}", 1.0,
                    "inlet_api_requests_seconds_count{action=CreateReceiptRule,code=none}", 1.0,
                    "inlet_api_requests_seconds_count{action=SetActiveReceiptRuleSet,code=none}", 1.0,
                    "inlet_api_requests_seconds_count{action=CreateReceiptRuleSet,code=AlreadyExists}", 1.0,
                    "inlet_api_requests_seconds_count{action=unknown,code=MissingAuthenticationToken}", 1.0));
            // the process meters are there too
            assertThat(m.keySet()).anyMatch(k -> k.startsWith("jvm_memory_used_bytes{area=heap,"))
                    .contains("process_uptime_seconds", "jvm_threads_live_threads");

            HttpResponse<String> live = get(daemon, "/health/live");
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(live.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(JSON.readTree(live.body())).isEqualTo(JSON.readTree("{\"status\":\"UP\"}"));

            HttpResponse<String> ready = get(daemon, "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(ready.body());
            assertThat(body.path("status").asText()).isEqualTo("UP");
            assertThat(body.has("failing")).isFalse();
            assertThat(body.path("checks").path("store").path("status").asText()).isEqualTo("UP");
            assertThat(body.path("checks").path("spool").path("status").asText()).isEqualTo("UP");
            assertThat(body.path("checks").path("spool").path("messages").asInt()).isZero();
            assertThat(body.path("checks").path("spool").path("maxMessages").asInt()).isEqualTo(100000);
            assertThat(body.path("checks").path("smtp").path("status").asText()).isEqualTo("UP");

            // health and metrics requests are not Query API requests
            assertThat(filtered(metrics(daemon), "inlet_api_requests_seconds_count").values().stream()
                    .mapToDouble(Double::doubleValue).sum()).isEqualTo(6.0);
        }
    }

    @Test
    void readinessFailsNamingTheSpoolWhenItIsFull() throws Exception {
        try (RunningInlet daemon = RunningInlet.start(dir.resolve("full"), Map.of(
                "actions.s3.buckets", "mail",
                "actions.validation", "lenient", // lets a rule name a bucket that does not exist
                "spool.max-messages", "1",
                "processing.initial-backoff", "50ms",
                "processing.max-backoff", "200ms"))) {
            configure(daemon, daemon.ses(), "no-such-bucket");
            assertThat(get(daemon, "/health/ready").statusCode()).isEqualTo(200);

            try (Smtp smtp = new Smtp(daemon.smtpPort())) {
                smtp.expect("220");
                smtp.command("EHLO client.test", "250");
                smtp.command("MAIL FROM:<" + SENDER + ">", "250");
                smtp.command("RCPT TO:<stuck@example.com>", "250");
                smtp.command("DATA", "354");
                smtp.command(message("stuck") + ".", "250 2.6.0");
                // the one message the spool may hold is queued (its S3 action keeps failing): no room
                smtp.command("MAIL FROM:<" + SENDER + ">", "452 4.3.1");
            }

            HttpResponse<String> ready = get(daemon, "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            JsonNode body = JSON.readTree(ready.body());
            assertThat(body.path("status").asText()).isEqualTo("DOWN");
            assertThat(body.path("failing")).hasSize(1);
            assertThat(body.path("failing").get(0).asText()).isEqualTo("spool");
            JsonNode spool = body.path("checks").path("spool");
            assertThat(spool.path("status").asText()).isEqualTo("DOWN");
            assertThat(spool.path("error").asText()).isEqualTo("spool full: 1 of 1 messages held");
            assertThat(spool.path("messages").asInt()).isEqualTo(1);
            assertThat(spool.path("maxMessages").asInt()).isEqualTo(1);
            assertThat(body.path("checks").path("store").path("status").asText()).isEqualTo("UP");
            assertThat(body.path("checks").path("smtp").path("status").asText()).isEqualTo("UP");
            // still alive
            assertThat(get(daemon, "/health/live").statusCode()).isEqualTo(200);

            Map<String, Double> m = await("retried").atMost(WAIT).until(() -> metrics(daemon),
                    s -> s.getOrDefault("inlet_actions_retries_total", 0.0) >= 2);
            assertThat(m).containsEntry("inlet_spool_messages{state=queued}", 1.0)
                    .containsEntry("inlet_spool_max_messages", 1.0)
                    .containsEntry("inlet_smtp_messages_total{reason=none,result=accepted}", 1.0)
                    .containsEntry("inlet_smtp_messages_total{reason=spool_full,result=refused}", 1.0)
                    .containsEntry("inlet_actions_dead_letters_total", 0.0)
                    .containsEntry("inlet_actions_processing_latency_seconds_count", 0.0);
            assertThat(m.get("inlet_spool_oldest_age_seconds")).isGreaterThanOrEqualTo(0.0);
            assertThat(m.get("inlet_actions_executions_seconds_count{outcome=failed,type=S3Action}"))
                    .isGreaterThanOrEqualTo(2.0);
            assertThat(m).doesNotContainKey("inlet_actions_executions_seconds_count{outcome=continue,type=S3Action}");
        }
    }

    /** VerifyDomainIdentity, CreateReceiptRuleSet, CreateReceiptRule (S3 to {@code bucket}), SetActiveReceiptRuleSet. */
    private static void configure(RunningInlet daemon, SesClient ses, String bucket) {
        ses.verifyDomainIdentity(b -> b.domain("example.com"));
        ses.createReceiptRuleSet(b -> b.ruleSetName("inbound"));
        ses.createReceiptRule(b -> b.ruleSetName("inbound").rule(ReceiptRule.builder().name("store").enabled(true)
                .tlsPolicy(TlsPolicy.OPTIONAL).scanEnabled(false).recipients("example.com")
                .actions(ReceiptAction.builder().s3Action(S3Action.builder().bucketName(bucket)
                        .objectKeyPrefix("in/").build()).build())
                .build()));
        ses.setActiveReceiptRuleSet(b -> b.ruleSetName("inbound"));
        long committed = daemon.inlet().store().read(StoreTransaction::version);
        await("configuration live").atMost(WAIT).pollInterval(Duration.ofMillis(10))
                .until(() -> daemon.inlet().snapshots().current().version() >= committed);
    }

    private static String message(String subject) {
        return "From: " + SENDER + "\r\nTo: someone@example.com\r\nSubject: " + subject + "\r\n\r\nHello.\r\n";
    }

    /** The bytes the spool stores for {@link #message} (no dot-stuffing in it). */
    private static long stored(String message) {
        return message.getBytes(StandardCharsets.US_ASCII).length;
    }

    private HttpResponse<String> get(RunningInlet daemon, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(daemon.endpoint() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /**
     * GET /metrics (unauthenticated), parsed: {@code name{label=value,...}} with the labels sorted
     * by name (quotes dropped), or the bare name, to the sample value.
     */
    private Map<String, Double> metrics(RunningInlet daemon) throws IOException, InterruptedException {
        HttpResponse<String> response = get(daemon, "/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : response.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line.trim());
            assertThat(sample.matches()).as("sample line %s", line).isTrue();
            StringBuilder key = new StringBuilder(sample.group(1));
            if (sample.group(3) != null && !sample.group(3).isEmpty()) {
                Map<String, String> labels = new TreeMap<>();
                Matcher label = LABEL.matcher(sample.group(3));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
                StringBuilder joined = new StringBuilder();
                labels.forEach((k, v) -> joined.append(joined.length() == 0 ? "" : ",").append(k).append('=').append(v));
                key.append('{').append(joined).append('}');
            }
            samples.put(key.toString(), Double.parseDouble(sample.group(4)));
        }
        return samples;
    }

    private static Map<String, Double> filtered(Map<String, Double> samples, String name) {
        Map<String, Double> found = new TreeMap<>();
        samples.forEach((k, v) -> {
            if (k.equals(name) || k.startsWith(name + "{")) {
                found.put(k, v);
            }
        });
        return found;
    }

    /** A line-by-line SMTP client that checks each reply's start. */
    private static final class Smtp implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        Smtp(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(20_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            out = socket.getOutputStream();
        }

        void command(String line, String expectedStart) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            expect(expectedStart);
        }

        /** Reads one (possibly multi-line) reply and checks its last line's start. */
        void expect(String expectedStart) throws IOException {
            String line;
            do {
                line = in.readLine();
                assertThat(line).as("reply").isNotNull();
            } while (line.length() > 3 && line.charAt(3) == '-');
            assertThat(line).startsWith(expectedStart);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
