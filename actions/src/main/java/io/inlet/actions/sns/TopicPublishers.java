package io.inlet.actions.sns;

import io.inlet.rules.spi.PluginEnvironment;
import io.inlet.rules.spi.TopicPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/** Opens the daemon's topic publisher for {@code actions.sns.backend}, and finds it for a plugin. */
public final class TopicPublishers {

    private static final Logger LOG = LoggerFactory.getLogger(TopicPublishers.class);

    private TopicPublishers() {
    }

    /**
     * The publisher of the configured backend: AWS SNS through the SDK, or the embedded webhook
     * deliverer with its outbox in {@code dataDirectory/sns}.
     */
    public static ClosableTopicPublisher open(SnsSettings settings, Path dataDirectory, Clock clock) throws IOException {
        return switch (settings.backend()) {
            case AWS -> {
                if (!settings.subscriptions().isEmpty()) {
                    LOG.warn("{} is ignored with the aws backend: subscriptions are made in SNS itself", SnsSettings.SUBSCRIPTIONS);
                }
                yield AwsTopicPublisher.create(settings);
            }
            case EMBEDDED -> EmbeddedTopicPublisher.open(settings, dataDirectory.resolve("sns"), clock);
        };
    }

    /**
     * The environment's publisher, or null when the daemon has none (the plugin then validates
     * topics by syntax only, and fails any action that must publish).
     */
    public static TopicPublisher fromEnvironment(PluginEnvironment environment) {
        try {
            return environment.topics();
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    /** {@code topicsOrNull}, or an {@link IllegalStateException} saying why nothing can be published. */
    public static TopicPublisher required(TopicPublisher topicsOrNull, String pluginType) {
        if (topicsOrNull == null) {
            throw new IllegalStateException(pluginType + " cannot publish: it was not started with a topic publisher");
        }
        return topicsOrNull;
    }
}
