package io.inlet.actions.sns;

import io.inlet.actions.validation.Arns;
import io.inlet.rules.spi.PermanentFailureException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The zero-setup SNS: {@code publish} puts the notification in the on-disk {@link Outbox} (fsync'ed
 * before it returns) and the {@link WebhookDeliverer} POSTs it to the HTTP(S) URLs configured for
 * its topic ({@code actions.sns.subscriptions}). There are no topic objects: any well-formed
 * topic ARN is publishable ({@link #canPublish}), because the outbox takes it and keeps it until a
 * subscriber is configured.
 */
final class EmbeddedTopicPublisher implements ClosableTopicPublisher {

    private final Outbox outbox;
    private final WebhookDeliverer deliverer;
    private final Clock clock;
    private volatile boolean closed;

    private EmbeddedTopicPublisher(Outbox outbox, WebhookDeliverer deliverer, Clock clock) {
        this.outbox = outbox;
        this.deliverer = deliverer;
        this.clock = clock;
    }

    /** Opens the outbox under {@code root} and resumes delivering what a previous run left in it. */
    static EmbeddedTopicPublisher open(SnsSettings settings, Path root, Clock clock) throws IOException {
        Outbox outbox = Outbox.open(root);
        WebhookDeliverer deliverer = new WebhookDeliverer(outbox, settings::subscribers, RetryPolicy.of(settings), clock);
        deliverer.start();
        return new EmbeddedTopicPublisher(outbox, deliverer, clock);
    }

    @Override
    public String publish(String topicArn, String subject, String message) throws IOException {
        if (!Arns.isSnsTopic(topicArn)) {
            throw new PermanentFailureException("Invalid SNS topic: " + topicArn);
        }
        if (closed) {
            throw new IllegalStateException("the SNS topic publisher is closed");
        }
        Notification notification = new Notification(UUID.randomUUID().toString(), topicArn, subject, message,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        deliverer.handOut(outbox.add(notification));
        return notification.messageId();
    }

    @Override
    public boolean canPublish(String topicArn) {
        return Arns.isSnsTopic(topicArn);
    }

    @Override
    public void close() {
        closed = true;
        deliverer.close();
    }
}
