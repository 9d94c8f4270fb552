package io.inlet.config.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code inlet.api.requests{action, code}}: one sample per request; actions the server does not
 * implement (invented ones, a missing one, routing failures) are all tagged {@code unknown}.
 */
class QueryApiMetricsTest {

    private static final String KEY_ID = "AKIAINLETTEST0000001";
    private static final String SECRET = "inlet-test-secret";
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Vertx vertx;
    private QueryApiServer server;
    private int port;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        Map<String, ApiOperation> operations = Map.of(
                "ListReceiptFilters", (request, result) -> result.empty("Filters"),
                "CreateReceiptRuleSet", (request, result) -> {
                    throw SesException.alreadyExists("exists");
                });
        server = new QueryApiServer(vertx, new ApiServerSettings("127.0.0.1", 0, false, "us-east-1", 64 * 1024),
                CredentialsRegistry.of(new ApiCredentials(KEY_ID, SECRET, "123456789012")), operations,
                Clock.systemUTC(), registry);
        port = server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
        vertx.close().await();
    }

    @Test
    void requestsAreTimedByActionAndErrorCode() throws Exception {
        assertThat(send(signed("Action=ListReceiptFilters&Version=2010-12-01"))).isEqualTo(200);
        assertThat(send(signed("Action=ListReceiptFilters&Version=2010-12-01"))).isEqualTo(200);
        assertThat(send(signed("Action=CreateReceiptRuleSet&Version=2010-12-01&RuleSetName=a"))).isEqualTo(400);
        assertThat(send(signed("Action=InventedAction1&Version=2010-12-01"))).isEqualTo(400);
        assertThat(send(signed("Action=InventedAction2&Version=2010-12-01"))).isEqualTo(400);
        assertThat(send(signed("Version=2010-12-01"))).isEqualTo(400);
        assertThat(send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/nowhere")).GET().build()))
                .isEqualTo(404);

        // recorded once the response is written: the client may see it first
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(requests()).isEqualTo(Map.of(
                "ListReceiptFilters/none", 2L,
                "CreateReceiptRuleSet/AlreadyExists", 1L,
                "unknown/InvalidAction", 2L,
                "unknown/MissingAction", 1L,
                "unknown/NotFound", 1L)));
    }

    private HttpRequest signed(String body) {
        return TestSigning.signedPost(port, body, KEY_ID, SECRET, "us-east-1", Clock.systemUTC());
    }

    private int send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private Map<String, Long> requests() {
        Map<String, Long> found = new TreeMap<>();
        for (Timer timer : registry.find(ApiMetrics.REQUESTS).timers()) {
            found.put(timer.getId().getTag("action") + "/" + timer.getId().getTag("code"), timer.count());
        }
        return found;
    }
}
