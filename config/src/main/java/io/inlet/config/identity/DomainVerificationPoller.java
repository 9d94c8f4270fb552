package io.inlet.config.identity;

import io.inlet.config.store.IdentityRecord;
import io.inlet.config.store.Scope;
import io.inlet.config.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Re-checks every Pending identity of every scope on a schedule, so domains get verified (or
 * Failed after 72 hours) even when nobody asks. Reads also refresh, so this is the background half.
 */
public final class DomainVerificationPoller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DomainVerificationPoller.class);

    private final Store store;
    private final StatusRefresher refresher;
    private final VerificationPolicy policy;
    private final IdentitySettings settings;
    private ScheduledExecutorService scheduler;

    public DomainVerificationPoller(Store store, IdentitySettings settings, DomainVerificationChecker checker, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.policy = new VerificationPolicy(settings, checker, clock);
        this.refresher = new StatusRefresher(store, policy, null);
    }

    /** Checks every Pending identity once; returns how many changed status. */
    public int pollOnce() {
        Map<Scope, List<IdentityRecord>> pending = store.read(tx -> {
            Map<Scope, List<IdentityRecord>> byScope = new LinkedHashMap<>();
            for (Scope scope : tx.scopes()) {
                List<IdentityRecord> mayChange = new ArrayList<>();
                for (IdentityRecord record : tx.identities(scope)) {
                    if (policy.mayChange(record)) {
                        mayChange.add(record);
                    }
                }
                if (!mayChange.isEmpty()) {
                    byScope.put(scope, mayChange);
                }
            }
            return byScope;
        });
        int changed = 0;
        for (Map.Entry<Scope, List<IdentityRecord>> e : pending.entrySet()) {
            try {
                for (IdentityRecord after : refresher.refresh(e.getKey(), e.getValue()).values()) {
                    if (!IdentityStatus.PENDING.equals(after.status())) {
                        changed++;
                    }
                }
            } catch (RuntimeException ex) {
                // One scope's failure must not stop the others; the next poll tries again.
                log.warn("identity verification poll failed for {}", e.getKey(), ex);
            }
        }
        return changed;
    }

    /** Polls every {@code pollInterval} on a daemon thread until {@link #stop()}. */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "inlet-identity-poller");
            t.setDaemon(true);
            return t;
        });
        long every = settings.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::pollSafely, every, every, TimeUnit.MILLISECONDS);
    }

    /** Stops polling and waits briefly for a running poll, so nothing writes after the store closes. */
    public synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler = null;
    }

    @Override
    public void close() {
        stop();
    }

    // An exception escaping a scheduled task would cancel all later runs.
    private void pollSafely() {
        try {
            pollOnce();
        } catch (RuntimeException e) {
            log.warn("identity verification poll failed", e);
        }
    }
}
