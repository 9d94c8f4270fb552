package io.inlet.engine.snapshot;

import io.inlet.rules.ReceiptConfiguration;
import io.inlet.rules.ReceiptConfigurationSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The engine's one pointer to the current {@link CompiledSnapshot}. Readers ({@link #current()})
 * never block. A session captures the snapshot once and keeps using it: snapshots are immutable,
 * so a swap never changes what an in-flight session sees.
 *
 * <p>Writers are serialised: compile, swap and notify happen under one lock, so listeners see
 * versions strictly increasing and never a stale one after a newer one. Configurations whose
 * version is not newer than the current snapshot's are ignored (a source may deliver one twice,
 * e.g. around {@link #bind}). Listeners run on the updating thread and should return quickly.
 */
public final class SnapshotHolder {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotHolder.class);

    private final Set<String> regions;
    private final AtomicReference<CompiledSnapshot> current;
    private final List<Consumer<CompiledSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final Object writeLock = new Object();

    /** Starts with an empty snapshot ({@link CompiledSnapshot#INITIAL_VERSION}): nothing is receivable until a configuration arrives. */
    public SnapshotHolder(Set<String> regions) {
        this.regions = Set.copyOf(regions);
        this.current = new AtomicReference<>(CompiledSnapshot.empty(this.regions));
    }

    public CompiledSnapshot current() {
        return current.get();
    }

    /**
     * Compiles {@code configuration} and makes it current, then tells the listeners.
     *
     * @return false when it was ignored because its version is not newer than the current one
     */
    public boolean update(ReceiptConfiguration configuration) {
        synchronized (writeLock) {
            if (configuration.version() <= current.get().version()) {
                LOG.debug("ignoring configuration version {} (current {})", configuration.version(), current.get().version());
                return false;
            }
            CompiledSnapshot next = new CompiledSnapshot(configuration, regions);
            current.set(next);
            for (Consumer<CompiledSnapshot> listener : listeners) {
                try {
                    listener.accept(next);
                } catch (RuntimeException e) {
                    // one faulty listener must not keep the others (or the source) from progressing
                    LOG.error("snapshot listener failed for version {}", next.version(), e);
                }
            }
            return true;
        }
    }

    /** Called with each new snapshot after it became current. */
    public void addListener(Consumer<CompiledSnapshot> listener) {
        listeners.add(listener);
    }

    /**
     * Follows {@code source}: subscribes first, then compiles its current configuration, so a
     * change committed in between is not lost (a duplicate is dropped by the version check).
     * A configuration that fails to compile is logged and skipped; the previous snapshot stays.
     */
    public void bind(ReceiptConfigurationSource source) {
        source.addListener(this::updateLogged);
        update(source.current());
    }

    private void updateLogged(ReceiptConfiguration configuration) {
        try {
            update(configuration);
        } catch (RuntimeException e) {
            LOG.error("could not compile configuration version {}; keeping version {}",
                    configuration.version(), current.get().version(), e);
        }
    }
}
