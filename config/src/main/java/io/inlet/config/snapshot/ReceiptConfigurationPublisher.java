package io.inlet.config.snapshot;

import io.inlet.config.store.Store;
import io.inlet.rules.ReceiptConfiguration;
import io.inlet.rules.ReceiptConfigurationSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Hands the data plane a fresh {@link ReceiptConfiguration} after every committed change
 * (DESIGN.md §3). Commits only request a rebuild; one thread does the rebuilds, so a burst of
 * commits collapses into a few rebuilds, each reading the newest state, and configurations are
 * published (and listeners called) strictly in increasing version order.
 */
public final class ReceiptConfigurationPublisher implements ReceiptConfigurationSource, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReceiptConfigurationPublisher.class);
    private static final long RETRY_MILLIS = 1000;

    private final Store store;
    private final List<Consumer<ReceiptConfiguration>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean rebuildQueued = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private final ScheduledExecutorService rebuilder = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "inlet-config-publisher");
        t.setDaemon(true);
        return t;
    });
    private volatile ReceiptConfiguration current;
    private volatile boolean closed;

    public ReceiptConfigurationPublisher(Store store) {
        this.store = store;
    }

    /** Builds the first configuration (before returning) and starts following commits. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        store.addCommitListener(this::onCommit);
        try {
            rebuilder.submit(this::rebuild).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not build the receipt configuration", e.getCause());
        }
    }

    @Override
    public ReceiptConfiguration current() {
        ReceiptConfiguration c = current;
        return c == null ? ReceiptConfiguration.empty() : c;
    }

    @Override
    public void addListener(Consumer<ReceiptConfiguration> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        closed = true;
        rebuilder.shutdownNow();
        try {
            rebuilder.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // On the writing thread: must be quick, so it only queues work.
    private void onCommit(long version) {
        ReceiptConfiguration c = current;
        if (closed || (c != null && version <= c.version())) {
            return;
        }
        requestRebuild();
    }

    private void requestRebuild() {
        if (!closed && rebuildQueued.compareAndSet(false, true)) {
            try {
                rebuilder.execute(this::rebuild);
            } catch (RejectedExecutionException e) {
                rebuildQueued.set(false); // closed meanwhile
            }
        }
    }

    private void rebuild() {
        // Cleared before reading, so a commit that lands during the read queues one more rebuild.
        rebuildQueued.set(false);
        if (closed) {
            return;
        }
        ReceiptConfiguration next;
        try {
            next = store.read(ReceiptConfigurationBuilder::build);
        } catch (RuntimeException e) {
            if (current == null) {
                throw e; // the first build: start() reports it
            }
            log.warn("receipt configuration rebuild failed; retrying", e);
            if (!closed) {
                rebuilder.schedule(this::requestRebuild, RETRY_MILLIS, TimeUnit.MILLISECONDS);
            }
            return;
        }
        ReceiptConfiguration previous = current;
        if (previous != null && next.version() <= previous.version()) {
            return; // a newer (or this) version is already out
        }
        current = next;
        for (Consumer<ReceiptConfiguration> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                log.error("receipt configuration listener failed at version {}", next.version(), e);
            }
        }
    }
}
