package io.inlet.actions;

import io.inlet.rules.spi.TopicPublisher;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** A topic publisher that records what it is asked to publish; only {@code topics} can be published to. */
final class RecordingTopicPublisher implements TopicPublisher {

    record Published(String topicArn, String subject, String message) {
    }

    private final Set<String> topics;
    final List<Published> published = new CopyOnWriteArrayList<>();

    RecordingTopicPublisher(Set<String> topics) {
        this.topics = topics;
    }

    @Override
    public String publish(String topicArn, String subject, String message) {
        published.add(new Published(topicArn, subject, message));
        return "sns-" + published.size();
    }

    @Override
    public boolean canPublish(String topicArn) {
        return topics.contains(topicArn);
    }
}
