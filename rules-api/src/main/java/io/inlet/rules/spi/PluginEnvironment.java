package io.inlet.rules.spi;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What a plugin gets once at start: where it may keep data, its configuration, a clock, and the
 * daemon's shared services (topic publisher, outbound mail, plugin-provided functions).
 */
public interface PluginEnvironment {

    /** The daemon's data directory; a plugin keeps its files in a subdirectory named after it. */
    Path dataDirectory();

    /**
     * The values of the keys the plugin declared in {@link ActionPlugin#settingDefaults()}, by full
     * key name, after the config file, environment and flags were applied.
     */
    Map<String, String> settings();

    Clock clock();

    /** The host name the daemon announces (its SMTP greeting name): the reporting MTA of DSNs. */
    default String hostname() {
        return "localhost";
    }

    /** Publishes SNS notifications ({@code TopicArn}, SNSAction). */
    default TopicPublisher topics() {
        throw new UnsupportedOperationException("this daemon has no topic publisher");
    }

    /** Queues mail for delivery (the Bounce action's DSNs). */
    default OutboundMail outbound() {
        throw new UnsupportedOperationException("this daemon has no outbound mail queue");
    }

    /** A function provided by a plugin jar, by function name; empty when none has that name. */
    default Optional<LambdaFunction> function(String name) {
        return Optional.empty();
    }
}
