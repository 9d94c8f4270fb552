package io.inlet.actions;

import io.inlet.rules.spi.LambdaFunction;
import io.inlet.rules.spi.OutboundMail;
import io.inlet.rules.spi.PluginEnvironment;
import io.inlet.rules.spi.TopicPublisher;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * A plugin environment with a data directory, the given settings, a fixed clock and, when given,
 * the daemon services (topic publisher, outbound mail, plugin functions).
 */
record TestEnvironment(Path dataDirectory, Map<String, String> settings, Clock clock, TopicPublisher topicsOrNull,
                       OutboundMail outboundOrNull, Map<String, LambdaFunction> functions) implements PluginEnvironment {

    static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

    TestEnvironment(Path dataDirectory, Map<String, String> settings) {
        this(dataDirectory, settings, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    TestEnvironment(Path dataDirectory, Map<String, String> settings, Clock clock) {
        this(dataDirectory, settings, clock, null, null, Map.of());
    }

    TestEnvironment withTopics(TopicPublisher topics) {
        return new TestEnvironment(dataDirectory, settings, clock, topics, outboundOrNull, functions);
    }

    TestEnvironment withOutbound(OutboundMail outbound) {
        return new TestEnvironment(dataDirectory, settings, clock, topicsOrNull, outbound, functions);
    }

    TestEnvironment withFunctions(Map<String, LambdaFunction> functions) {
        return new TestEnvironment(dataDirectory, settings, clock, topicsOrNull, outboundOrNull, functions);
    }

    @Override
    public String hostname() {
        return "mx.inlet.test";
    }

    @Override
    public TopicPublisher topics() {
        return topicsOrNull != null ? topicsOrNull : PluginEnvironment.super.topics();
    }

    @Override
    public OutboundMail outbound() {
        return outboundOrNull != null ? outboundOrNull : PluginEnvironment.super.outbound();
    }

    @Override
    public Optional<LambdaFunction> function(String name) {
        return Optional.ofNullable(functions.get(name));
    }
}
