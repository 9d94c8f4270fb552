package io.inlet.engine.process;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.inlet.engine.message.AcceptedMessage;
import io.inlet.engine.spool.Journal;
import io.inlet.engine.spool.Spool;
import io.inlet.engine.verdicts.VerdictService;
import io.inlet.rules.spi.ActionPlugin;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The data plane's step 4–5 (DESIGN.md §2): a worker pool that runs the rules of every spooled
 * message, at least once, in order, surviving restarts through the spool journal. On
 * {@link #start()} it takes every queued message (recovery), then each one the spool commits or
 * replays. A failing action is retried with backoff (a timer, never a sleeping worker) until the
 * budget is spent; then the message is dead-lettered.
 */
public final class MessageProcessor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MessageProcessor.class);
    private static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

    private final Spool spool;
    private final ProcessingSettings settings;
    private final MessageJob.Deps deps;
    private final ProcessingMetrics metrics;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    /** Messages with a job queued, running or waiting for a retry: one job per message at a time. */
    private final Map<String, MessageJob> jobs = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    private boolean started;

    public MessageProcessor(Spool spool, VerdictService verdicts, Map<String, ActionPlugin> plugins,
                            ProcessingSettings settings) {
        this(spool, verdicts, plugins, settings, Clock.systemUTC());
    }

    /** @param plugins by {@link ActionPlugin#type()} (see {@link #byType}) */
    public MessageProcessor(Spool spool, VerdictService verdicts, Map<String, ActionPlugin> plugins,
                            ProcessingSettings settings, Clock clock) {
        this(spool, verdicts, plugins, settings, clock, new SimpleMeterRegistry());
    }

    /** @param registry where the {@code inlet.actions.*} meters go ({@link ProcessingMetrics}) */
    public MessageProcessor(Spool spool, VerdictService verdicts, Map<String, ActionPlugin> plugins,
                            ProcessingSettings settings, Clock clock, MeterRegistry registry) {
        this.spool = spool;
        this.settings = settings;
        this.metrics = new ProcessingMetrics(registry);
        Gauge.builder(ProcessingMetrics.IN_FLIGHT, jobs, Map::size)
                .description("Messages queued, running or waiting for a retry in the processor")
                .strongReference(true).register(registry);
        RuleExecutor executor = new RuleExecutor(new ActionRunner(plugins, clock, metrics), clock);
        this.deps = new MessageJob.Deps(spool, new MessageLoader(spool, verdicts), executor,
                new RetryPolicy(settings), clock, () -> stopping, metrics);
        this.workers = Executors.newFixedThreadPool(settings.workers(), new ThreadFactoryBuilder().setNameFormat("inlet-process-%d").setDaemon(true).build());
        this.timer = Executors.newSingleThreadScheduledExecutor(new ThreadFactoryBuilder().setNameFormat("inlet-process-retry-%d").setDaemon(true).build());
    }

    /** The plugin map the constructor wants, keyed by action type; a later duplicate type wins. */
    public static Map<String, ActionPlugin> byType(Collection<? extends ActionPlugin> plugins) {
        Map<String, ActionPlugin> map = new LinkedHashMap<>();
        plugins.forEach(p -> map.put(p.type(), p));
        return map;
    }

    /** Listens for new messages and resumes every queued one. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        // listen first: a message committed meanwhile is then seen twice, and the job map dedups it
        spool.addQueueListener(this::submit);
        for (String id : spool.queued()) {
            submit(id);
        }
        LOG.info("message processor started: {} workers, backoff {}..{}, retry budget {}", settings.workers(),
                settings.initialBackoff(), settings.maxBackoff(), settings.retryBudget());
    }

    /** What processing did so far for a queued or dead-lettered message (for the inspection API). */
    public Optional<ProcessingStatus> status(String messageId) throws IOException {
        return status(spool, messageId);
    }

    /** Same, straight from a spool (no processor needed). */
    public static Optional<ProcessingStatus> status(Spool spool, String messageId) throws IOException {
        Optional<AcceptedMessage> accepted = spool.metadata(messageId);
        if (accepted.isEmpty()) {
            return Optional.empty();
        }
        Journal journal = spool.journal(messageId);
        return Optional.of(StatusReader.read(accepted.get(), journal));
    }

    /** Number of messages queued, running or waiting for a retry in this processor. */
    public int inFlight() {
        return jobs.size();
    }

    private void submit(String id) {
        if (stopping) {
            return; // the spool keeps it; the next start resumes it
        }
        MessageJob job = new MessageJob(id, deps);
        if (jobs.putIfAbsent(id, job) == null) {
            execute(job);
        }
    }

    private void execute(MessageJob job) {
        try {
            workers.execute(() -> run(job));
        } catch (RejectedExecutionException e) {
            jobs.remove(job.id(), job); // shutting down
        }
    }

    private void run(MessageJob job) {
        MessageJob.Result result;
        try {
            result = job.run();
        } catch (Error e) {
            // e.g. a plugin's StackOverflowError: keep the message alive, try again later
            LOG.error("message {}: processing crashed; retrying in {}", job.id(), settings.maxBackoff(), e);
            metrics.retry();
            later(job, settings.maxBackoff());
            throw e;
        }
        switch (result.kind()) {
            case RETRY -> {
                metrics.retry();
                later(job, result.delay());
            }
            case COMPLETE -> complete(job);
            case DEAD -> deadLetter(job, result.reason());
            case STOPPED, GONE -> jobs.remove(job.id(), job);
        }
    }

    private void later(MessageJob job, Duration delay) {
        try {
            timer.schedule(() -> execute(job), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            jobs.remove(job.id(), job);
        }
    }

    // The job leaves the map before the spool call: a replay right after a dead-letter is then
    // submitted as a new job instead of being taken for this one.
    private void complete(MessageJob job) {
        jobs.remove(job.id(), job);
        try {
            spool.complete(job.id());
            job.logDone();
        } catch (IOException | RuntimeException e) {
            LOG.warn("message {}: all actions done but the spool could not complete it; retrying", job.id(), e);
            again(job);
        }
    }

    private void deadLetter(MessageJob job, String reason) {
        jobs.remove(job.id(), job);
        try {
            spool.deadLetter(job.id(), reason);
            metrics.deadLetter();
            LOG.error("message {} dead-lettered: {}", job.id(), reason);
        } catch (IOException | RuntimeException e) {
            LOG.warn("message {}: could not dead-letter ({}); retrying", job.id(), reason, e);
            again(job);
        }
    }

    private void again(MessageJob job) {
        if (!stopping && jobs.putIfAbsent(job.id(), job) == null) {
            later(job, settings.maxBackoff());
        }
    }

    /** Stops taking work and lets running actions finish for up to 10 seconds. */
    @Override
    public void close() {
        close(DEFAULT_GRACE);
    }

    /**
     * Stops: no new message or retry starts; a running action may finish within {@code grace},
     * then workers are interrupted. Unfinished messages stay queued; the next start resumes them
     * (an interrupted action runs again: at-least-once).
     */
    public void close(Duration grace) {
        stopping = true;
        timer.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
                if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.warn("message processor: workers still busy after interrupt");
                }
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        jobs.clear();
    }
}
