package io.inlet.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The readiness document: every check reported, the failing ones named, one failure never hiding another. */
class HealthRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void allUp() throws Exception {
        Map<String, HealthRoutes.Check> checks = new LinkedHashMap<>();
        checks.put("store", () -> Map.of("version", 7));
        checks.put("smtp", Map::of);
        HealthRoutes.Readiness readiness = new HealthRoutes(checks).readiness();
        assertThat(readiness.up()).isTrue();
        assertThat(JSON.readTree(readiness.json())).isEqualTo(JSON.readTree(
                "{\"status\":\"UP\",\"checks\":{\"store\":{\"status\":\"UP\",\"version\":7},\"smtp\":{\"status\":\"UP\"}}}"));
    }

    @Test
    void failingChecksAreNamedWithTheirErrorAndTheOthersStillRun() throws Exception {
        Map<String, HealthRoutes.Check> checks = new LinkedHashMap<>();
        checks.put("store", () -> {
            throw new IllegalStateException("database is locked");
        });
        checks.put("spool", () -> Map.of("messages", 0));
        checks.put("smtp", () -> {
            throw new HealthRoutes.Down("the SMTP listener is not accepting connections", Map.of("port", 25));
        });
        HealthRoutes.Readiness readiness = new HealthRoutes(checks).readiness();
        assertThat(readiness.up()).isFalse();
        JsonNode body = JSON.readTree(readiness.json());
        assertThat(body.path("status").asText()).isEqualTo("DOWN");
        assertThat(body.path("failing").toString()).isEqualTo("[\"store\",\"smtp\"]");
        assertThat(body.path("checks").path("store").path("status").asText()).isEqualTo("DOWN");
        assertThat(body.path("checks").path("store").path("error").asText())
                .isEqualTo("IllegalStateException: database is locked");
        assertThat(body.path("checks").path("spool").path("status").asText()).isEqualTo("UP");
        assertThat(body.path("checks").path("smtp").path("error").asText())
                .isEqualTo("the SMTP listener is not accepting connections");
        assertThat(body.path("checks").path("smtp").path("port").asInt()).isEqualTo(25);
    }
}
