package io.inlet.engine.outbound;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs attempts: a timer thread waits for each entry's due time and hands the entry to a fixed
 * pool of delivery workers. The timer also serves the SMTP client's write timeouts.
 */
final class DeliveryScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryScheduler.class);

    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    private final Consumer<String> attempt;
    private volatile boolean closed;

    DeliveryScheduler(ScheduledExecutorService timer, int workers, Consumer<String> attempt) {
        this.timer = timer;
        this.workers = Executors.newFixedThreadPool(workers, new ThreadFactoryBuilder().setNameFormat("inlet-outbound-worker-%d").setDaemon(true).build());
        this.attempt = attempt;
    }

    static ScheduledExecutorService timer() {
        return Executors.newSingleThreadScheduledExecutor(new ThreadFactoryBuilder().setNameFormat("inlet-outbound-timer-%d").setDaemon(true).build());
    }

    /** Attempts {@code id} after {@code delay} (at once when not positive); ignored once closed. */
    void schedule(String id, Duration delay) {
        try {
            timer.schedule(() -> submit(id), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing: the entry stays on disk and is picked up at the next start
        }
    }

    private void submit(String id) {
        if (closed) {
            return;
        }
        try {
            workers.execute(() -> attempt.accept(id));
        } catch (RejectedExecutionException e) {
            // closing, as above
        }
    }

    /**
     * Stops taking work and waits up to {@code grace} for attempts in progress. One still running
     * after that is abandoned: its entry stays in {@code active/} and is attempted again after the
     * next start (the one case where a message may go out twice).
     */
    void close(Duration grace) {
        closed = true;
        workers.shutdown();
        try {
            if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("outbound: deliveries still running after {}; they resume at the next start", grace);
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            // last: attempts still finishing need the timer for their write timeouts
            timer.shutdownNow();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
