package io.inlet.deploy.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.config.api.ApiCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.ReceiptFilterPolicy;
import software.amazon.awssdk.services.ses.model.ReceiptRuleSetMetadata;
import software.amazon.awssdk.services.ses.model.SesException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two daemons on different ports sharing one PostgreSQL (README, "Running several nodes"): what
 * is configured through either node's API is served by both within a second, conflicting calls on
 * both leave one consistent state, and both accept the API key pair the first one generated.
 */
class TwoNodeTest {

    private static final String BLOCKED_CLIENT = "127.0.0.7";
    private static final String BLACKLISTED = "550 5.7.1 IP address blacklisted by recipient";

    @TempDir
    static Path dirs;
    static SharedPostgres postgres;
    static RunningInlet a;
    static RunningInlet b;
    static SesClient sesA;
    static SesClient sesB;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        postgres = SharedPostgres.createSchema();
        Map<String, String> keys = new HashMap<>(postgres.nodeSettings());
        // No configured key pair: the nodes must generate one and share it.
        keys.put("access-key-id", "");
        keys.put("secret-access-key", "");
        // Both start at once: the migration and the key generation race, as on a fleet's first boot.
        ExecutorService boot = Executors.newFixedThreadPool(2);
        try {
            Future<RunningInlet> first = boot.submit(() -> RunningInlet.start(dirs.resolve("a"), keys));
            Future<RunningInlet> second = boot.submit(() -> RunningInlet.start(dirs.resolve("b"), keys));
            a = first.get(120, TimeUnit.SECONDS);
            b = second.get(120, TimeUnit.SECONDS);
        } finally {
            boot.shutdownNow();
        }
        sesA = client(a);
        sesB = client(b);
    }

    @AfterAll
    static void stopNodes() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {sesA, sesB, a, b, postgres}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static SesClient client(RunningInlet node) {
        ApiCredentials key = node.inlet().credentials();
        return SesClient.builder()
                .endpointOverride(node.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    // --- shared credentials -------------------------------------------------------------------------

    @Test
    void bothNodesAcceptTheSameGeneratedCredentials() throws Exception {
        ApiCredentials keyA = a.inlet().credentials();
        ApiCredentials keyB = b.inlet().credentials();
        assertThat(keyA.accessKeyId()).startsWith("AKIA").isEqualTo(keyB.accessKeyId());
        assertThat(keyA.secretAccessKey()).isEqualTo(keyB.secretAccessKey());
        // Each node keeps a copy for its CLI.
        assertThat(Files.readString(dirs.resolve("a").resolve("credentials.env")))
                .isEqualTo(Files.readString(dirs.resolve("b").resolve("credentials.env")))
                .contains("AWS_ACCESS_KEY_ID=" + keyA.accessKeyId());

        // A client holding node A's key is accepted by node B.
        try (SesClient aKeyOnB = SesClient.builder().endpointOverride(b.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(keyA.accessKeyId(), keyA.secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            assertThat(aKeyOnB.listReceiptFilters().sdkHttpResponse().isSuccessful()).isTrue();
        }
    }

    // --- propagation --------------------------------------------------------------------------------

    @Test
    void aRuleSetActivatedThroughAAcceptsMailOnBWithinOneSecond() throws Exception {
        sesA.verifyDomainIdentity(r -> r.domain("fresh.test"));
        sesA.createReceiptRuleSet(r -> r.ruleSetName("fresh"));
        sesA.createReceiptRule(r -> r.ruleSetName("fresh").rule(rule -> rule.name("take").enabled(true)
                .recipients("user@fresh.test")));
        assertThat(rcpt(b, "127.0.0.1", "user@fresh.test")).startsWith("550");

        sesA.setActiveReceiptRuleSet(r -> r.ruleSetName("fresh"));

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> rcpt(b, "127.0.0.1", "user@fresh.test").startsWith("250"));
        assertThat(deliver(b, "user@fresh.test")).matches("250 2\\.6\\.0 Message received: [0-9a-v]{40}");
    }

    @Test
    void aFilterAddedThroughBRefusesAClientOnAWithinOneSecond() throws Exception {
        sesA.verifyDomainIdentity(r -> r.domain("filter.test"));
        sesA.createReceiptRuleSet(r -> r.ruleSetName("filtered"));
        sesA.createReceiptRule(r -> r.ruleSetName("filtered").rule(rule -> rule.name("take").enabled(true)
                .recipients("user@filter.test")));
        sesA.setActiveReceiptRuleSet(r -> r.ruleSetName("filtered"));
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> rcpt(a, BLOCKED_CLIENT, "user@filter.test").startsWith("250"));

        sesB.createReceiptFilter(r -> r.filter(f -> f.name("block-one").ipFilter(ip -> ip
                .cidr(BLOCKED_CLIENT + "/32").policy(ReceiptFilterPolicy.BLOCK))));
        try {
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                    .until(() -> rcpt(a, BLOCKED_CLIENT, "user@filter.test").equals(BLACKLISTED));
            assertThat(rcpt(a, "127.0.0.1", "user@filter.test")).startsWith("250");
            assertThat(rcpt(b, BLOCKED_CLIENT, "user@filter.test")).isEqualTo(BLACKLISTED);
        } finally {
            sesB.deleteReceiptFilter(r -> r.filterName("block-one"));
        }
    }

    // --- conflicts ----------------------------------------------------------------------------------

    @Test
    @Timeout(120)
    void concurrentConflictingCallsOnBothNodesLeaveAConsistentState() throws Exception {
        List<String> created = race(
                () -> sesA.createReceiptRuleSet(r -> r.ruleSetName("race")),
                () -> sesB.createReceiptRuleSet(r -> r.ruleSetName("race")));
        assertThat(created).containsExactlyInAnyOrder("OK", "AlreadyExists");

        List<String> rules = race(
                () -> sesA.createReceiptRule(r -> r.ruleSetName("race").rule(rule -> rule.name("same"))),
                () -> sesB.createReceiptRule(r -> r.ruleSetName("race").rule(rule -> rule.name("same"))));
        assertThat(rules).containsExactlyInAnyOrder("OK", "AlreadyExists");
        assertThat(sesB.describeReceiptRuleSet(r -> r.ruleSetName("race")).rules())
                .extracting(software.amazon.awssdk.services.ses.model.ReceiptRule::name).containsExactly("same");

        List<String> activateVsDelete = race(
                () -> sesA.setActiveReceiptRuleSet(r -> r.ruleSetName("race")),
                () -> sesB.deleteReceiptRuleSet(r -> r.ruleSetName("race")));
        boolean exists = sesB.listReceiptRuleSets().ruleSets().stream()
                .map(ReceiptRuleSetMetadata::name).anyMatch("race"::equals);
        String activeOnA = sesA.describeActiveReceiptRuleSet().metadata() == null
                ? null : sesA.describeActiveReceiptRuleSet().metadata().name();
        if (exists) {
            assertThat(activateVsDelete).containsExactly("OK", "CannotDelete");
            assertThat(activeOnA).isEqualTo("race");
        } else {
            assertThat(activateVsDelete).containsExactly("RuleSetDoesNotExist", "OK");
            assertThat(activeOnA).isNotEqualTo("race");
        }
        // Both nodes' snapshots settle on the same version.
        await().atMost(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(b.inlet().snapshots().current().version())
                .isEqualTo(a.inlet().snapshots().current().version()));
    }

    // --- health -------------------------------------------------------------------------------------

    @Test
    void readinessReportsTheSharedStoreAndItsChangeFeed() throws Exception {
        for (RunningInlet node : List.of(a, b)) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(node.endpoint() + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode store = new ObjectMapper().readTree(response.body()).path("checks").path("store");
            assertThat(store.path("status").asText()).isEqualTo("UP");
            assertThat(store.path("kind").asText()).isEqualTo("postgresql");
            assertThat(store.path("changes").asText()).isEqualTo("listening");
        }
    }

    // --- helpers ------------------------------------------------------------------------------------

    /** Runs both calls at once; each one's outcome is "OK" or its SES error code. */
    private static List<String> race(Callable<?> first, Callable<?> second) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (Callable<?> call : List.of(first, second)) {
                outcomes.add(pool.submit(() -> {
                    go.await();
                    try {
                        call.call();
                        return "OK";
                    } catch (SesException e) {
                        return e.awsErrorDetails().errorCode();
                    }
                }));
            }
            go.countDown();
            List<String> codes = new ArrayList<>();
            for (Future<String> f : outcomes) {
                codes.add(f.get(60, TimeUnit.SECONDS));
            }
            return codes;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The reply to RCPT TO from a fresh session opened from {@code fromIp}. */
    private static String rcpt(RunningInlet node, String fromIp, String recipient) throws IOException {
        try (Smtp smtp = new Smtp(node.smtpPort(), fromIp)) {
            smtp.command("EHLO client.test");
            smtp.command("MAIL FROM:<sender@client.test>");
            return smtp.command("RCPT TO:<" + recipient + ">");
        }
    }

    /** A whole transaction from 127.0.0.1; the reply to the end of DATA. */
    private static String deliver(RunningInlet node, String recipient) throws IOException {
        try (Smtp smtp = new Smtp(node.smtpPort(), "127.0.0.1")) {
            smtp.command("EHLO client.test");
            smtp.command("MAIL FROM:<sender@client.test>");
            assertThat(smtp.command("RCPT TO:<" + recipient + ">")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            return smtp.command("From: sender@client.test\r\nTo: " + recipient + "\r\nSubject: two nodes\r\n\r\nhello\r\n.");
        }
    }

    /** Just enough SMTP client: one command, one (last line of the) reply. */
    private static final class Smtp implements AutoCloseable {
        private final Socket socket = new Socket();
        private final BufferedReader in;
        private final OutputStream out;

        Smtp(int port, String fromIp) throws IOException {
            socket.bind(new InetSocketAddress(fromIp, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(10_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            out = socket.getOutputStream();
            reply(); // greeting
        }

        String command(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return reply();
        }

        private String reply() throws IOException {
            String line;
            do {
                line = in.readLine();
                if (line == null) {
                    throw new IOException("connection closed");
                }
            } while (line.length() > 3 && line.charAt(3) == '-');
            return line;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
