package io.inlet.actions.sns;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Delivers the outbox to the subscriber URLs: hands each waiting notification out (one delivery
 * per subscriber), POSTs each delivery in SNS's HTTP format until the subscriber answers 2xx, and
 * moves it to {@code dead/} once it still fails after max-age. Unlike SNS, which counts a 4xx
 * answer as delivered, any non-2xx answer is retried: nothing is dropped without a trace.
 * A few threads share all subscribers; a subscriber that hangs holds one for at most
 * {@link #REQUEST_TIMEOUT}.
 */
final class WebhookDeliverer implements AutoCloseable {

    /** SNS gives an HTTP endpoint 15 seconds to answer. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final int THREADS = 4;
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliverer.class);

    private final Outbox outbox;
    private final Function<String, List<URI>> subscribers;
    private final RetryPolicy retry;
    private final Clock clock;
    private final HttpClient http;
    private final ScheduledThreadPoolExecutor executor;
    private final Set<String> topicsWithoutSubscribers = ConcurrentHashMap.newKeySet();

    WebhookDeliverer(Outbox outbox, Function<String, List<URI>> subscribers, RetryPolicy retry, Clock clock) {
        this.outbox = outbox;
        this.subscribers = subscribers;
        this.retry = retry;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.executor = new ScheduledThreadPoolExecutor(THREADS, threads());
        executor.setRemoveOnCancelPolicy(true);
    }

    /** Resumes what a previous run left: pending deliveries first, then waiting notifications. */
    void start() throws IOException {
        for (Path file : outbox.deliveries()) {
            try {
                Delivery delivery = outbox.readDelivery(file);
                schedule(() -> attempt(file, delivery), Duration.ZERO);
            } catch (IOException | RuntimeException e) {
                LOG.error("SNS delivery file {} cannot be read and stays where it is: {}", file, e.toString());
            }
        }
        for (Path file : outbox.waiting()) {
            handOut(file);
        }
    }

    /** Hands a notification just added to the outbox to its subscribers, in the background. */
    void handOut(Path waitingFile) {
        schedule(() -> doHandOut(waitingFile), Duration.ZERO);
    }

    private void doHandOut(Path waitingFile) {
        Notification notification;
        try {
            notification = outbox.readNotification(waitingFile);
        } catch (IOException | RuntimeException e) {
            LOG.error("SNS outbox file {} cannot be read and stays where it is: {}", waitingFile, e.toString());
            return;
        }
        List<URI> urls = subscribers.apply(notification.topicArn());
        if (urls.isEmpty()) {
            if (topicsWithoutSubscribers.add(notification.topicArn())) {
                LOG.warn("SNS topic {} has no subscriber in {}: its notifications wait in {} until one is configured "
                        + "and the daemon restarts", notification.topicArn(), SnsSettings.SUBSCRIPTIONS, waitingFile.getParent());
            }
            return;
        }
        try {
            List<Path> files = outbox.handOut(waitingFile, notification, urls);
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                Delivery delivery = new Delivery(notification, urls.get(i), 0);
                schedule(() -> attempt(file, delivery), Duration.ZERO);
            }
        } catch (IOException e) {
            LOG.error("SNS notification {} could not be handed out; trying again in {}", waitingFile, retry.initial(), e);
            schedule(() -> doHandOut(waitingFile), retry.initial());
        }
    }

    private void attempt(Path file, Delivery delivery) {
        String failure;
        try {
            HttpResponse<Void> response = http.send(SnsHttpFormat.request(delivery, REQUEST_TIMEOUT),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                delivered(file, delivery);
                return;
            }
            failure = "HTTP " + response.statusCode();
        } catch (IOException e) {
            failure = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing: the file stays and is retried at the next start
            return;
        }
        failed(file, delivery.failedOnce(), failure);
    }

    private void delivered(Path file, Delivery delivery) {
        LOG.debug("SNS notification {} delivered to {}", delivery.notification().messageId(), delivery.subscriber());
        try {
            outbox.delivered(file);
        } catch (IOException e) {
            LOG.error("SNS delivery file {} could not be removed; it will be delivered again after a restart", file, e);
        }
    }

    private void failed(Path file, Delivery delivery, String failure) {
        Notification n = delivery.notification();
        if (retry.expired(n.timestamp(), clock.instant())) {
            String reason = "no 2xx answer within " + retry.maxAge() + " (" + delivery.attempts()
                    + " attempts); last: " + failure;
            try {
                Path dead = outbox.dead(file, delivery, reason, clock.instant());
                LOG.warn("SNS notification {} to {} given up, kept in {}: {}", n.messageId(), delivery.subscriber(), dead, reason);
            } catch (IOException e) {
                LOG.error("SNS delivery {} could not be moved to the dead area; trying again", file, e);
                schedule(() -> attempt(file, delivery), retry.delayAfter(delivery.attempts()));
            }
            return;
        }
        Duration wait = retry.delayAfter(delivery.attempts());
        LOG.info("SNS notification {} to {} failed ({}), attempt {}; next in {}", n.messageId(), delivery.subscriber(),
                failure, delivery.attempts(), wait);
        schedule(() -> attempt(file, delivery), wait);
    }

    private void schedule(Runnable task, Duration delay) {
        try {
            executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("SNS deliverer closed; the outbox keeps the work for the next start");
        }
    }

    /** Stops delivering; what is not delivered stays on disk for the next start. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("SNS deliverer threads did not stop in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory threads() {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, "inlet-sns-delivery-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
