package io.inlet.actions;

import io.inlet.rules.spi.PluginEnvironment;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** A plugin environment with a data directory, the given settings and a fixed clock. */
record TestEnvironment(Path dataDirectory, Map<String, String> settings, Clock clock) implements PluginEnvironment {

    static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

    TestEnvironment(Path dataDirectory, Map<String, String> settings) {
        this(dataDirectory, settings, Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
