package io.inlet.actions.sns;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnsSettingsTest {

    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:inbound";

    @Test
    void defaults() {
        SnsSettings s = SnsSettings.parse(Map.of());

        assertThat(s.backend()).isEqualTo(SnsSettings.Backend.EMBEDDED);
        assertThat(s.endpoint()).isEmpty();
        assertThat(s.region()).isEmpty();
        assertThat(s.subscriptions()).isEmpty();
        assertThat(s.maxMessageBytes()).isEqualTo(153_600);
        assertThat(s.retryInitial()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.retryMax()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.maxAge()).isEqualTo(Duration.ofDays(3));
        assertThat(SnsSettings.DEFAULTS.keySet()).allMatch(k -> k.startsWith("actions.sns."));
    }

    @Test
    void subscriptionsAreTopicEqualsUrlEntriesAsAYamlListFlattensThem() {
        SnsSettings s = SnsSettings.parse(Map.of(SnsSettings.SUBSCRIPTIONS,
                TOPIC + "=https://hooks.example/a?x=1&y=2, " + TOPIC + "=http://127.0.0.1:8080/b,"
                        + "arn:aws:sns:eu-west-1:123456789012:other=https://o.example/"));

        assertThat(s.subscribers(TOPIC)).containsExactly(URI.create("https://hooks.example/a?x=1&y=2"), URI.create("http://127.0.0.1:8080/b"));
        assertThat(s.subscribers("arn:aws:sns:eu-west-1:123456789012:other")).containsExactly(URI.create("https://o.example/"));
        assertThat(s.subscribers("arn:aws:sns:eu-west-1:123456789012:none")).isEmpty();
    }

    @Test
    void awsBackendWithEndpointRegionAndShortDurations() {
        SnsSettings s = SnsSettings.parse(Map.of(SnsSettings.BACKEND, "aws", SnsSettings.ENDPOINT, "http://127.0.0.1:5000",
                SnsSettings.REGION, "eu-west-1", SnsSettings.RETRY_INITIAL, "500ms", SnsSettings.MAX_AGE, "2d",
                SnsSettings.MAX_MESSAGE_BYTES, "200KB"));

        assertThat(s.backend()).isEqualTo(SnsSettings.Backend.AWS);
        assertThat(s.endpoint()).contains(URI.create("http://127.0.0.1:5000"));
        assertThat(s.region()).contains("eu-west-1");
        assertThat(s.retryInitial()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.maxAge()).isEqualTo(Duration.ofDays(2));
        assertThat(s.maxMessageBytes()).isEqualTo(200 * 1024);
    }

    @Test
    void badValuesNameTheirKey() {
        List.of(
                Map.entry(SnsSettings.BACKEND, "sqs"),
                Map.entry(SnsSettings.ENDPOINT, "ftp://x"),
                Map.entry(SnsSettings.REGION, "Mars"),
                Map.entry(SnsSettings.SUBSCRIPTIONS, "https://no-topic.example/"),
                Map.entry(SnsSettings.SUBSCRIPTIONS, "arn:aws:sns:us-east-1:1:short=https://x.example/"),
                Map.entry(SnsSettings.SUBSCRIPTIONS, TOPIC + "=mailto:a@b.example"),
                Map.entry(SnsSettings.MAX_MESSAGE_BYTES, "0"),
                Map.entry(SnsSettings.MAX_MESSAGE_BYTES, "lots"),
                Map.entry(SnsSettings.RETRY_INITIAL, "PT0S"),
                Map.entry(SnsSettings.RETRY_MAX, "soon"),
                Map.entry(SnsSettings.MAX_AGE, "-P1D")
        ).forEach(bad -> assertThatThrownBy(() -> SnsSettings.parse(Map.of(bad.getKey(), bad.getValue())))
                .as(bad.toString())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(bad.getKey() + ": '"));
    }

    @Test
    void backoffDoublesUpToTheMaximum() {
        RetryPolicy retry = new RetryPolicy(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofDays(3));

        assertThat(List.of(1, 2, 3, 4, 5, 100).stream().map(retry::delayAfter).toList())
                .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40),
                        Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(60));
        assertThat(new RetryPolicy(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofDays(1)).delayAfter(3))
                .isEqualTo(Duration.ofMinutes(5));
    }
}
