package io.inlet.config.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

/**
 * The commit listeners of a store, shared by every implementation. Notified on the writing thread
 * after the commit is durable and outside the store's lock, so two writers may report their
 * versions out of order: a listener should treat a version as "the store is at least here".
 */
public final class CommitListeners {

    private static final Logger LOG = LoggerFactory.getLogger(CommitListeners.class);

    private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();

    public void add(LongConsumer listener) {
        listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    /** A listener that throws anyway must not make a committed write look failed to its caller. */
    public void fire(long version) {
        for (LongConsumer listener : listeners) {
            try {
                listener.accept(version);
            } catch (RuntimeException e) {
                LOG.error("commit listener failed for version {}", version, e);
            }
        }
    }
}
