package io.inlet.actions.sns;

import io.inlet.rules.spi.TopicPublisher;

/**
 * A topic publisher the daemon owns: opened once at start with {@link TopicPublishers#open}, handed
 * to every plugin through {@code PluginEnvironment.topics()}, closed at shutdown. After
 * {@link #close()}, {@code publish} fails (nothing is accepted that could not be delivered).
 */
public interface ClosableTopicPublisher extends TopicPublisher, AutoCloseable {

    @Override
    void close();
}
