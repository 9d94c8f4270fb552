package io.inlet.config.store.postgres;

import io.inlet.config.store.CommitListeners;

import java.util.TreeSet;

/**
 * Tells the commit listeners about each version at most once. A local commit is reported by the
 * writing thread, but its NOTIFY also reaches this node's {@link ChangeFeed}, which may read the
 * same version first; whichever comes first reports it. Firing under the lock keeps one thread's
 * successive commits in order. Only recent versions are remembered: anything at or below the
 * floor counts as reported (its state is part of every newer version anyway).
 */
final class VersionAnnouncer {

    private static final int REMEMBERED = 4096;

    private final CommitListeners listeners;
    private final TreeSet<Long> announced = new TreeSet<>(); // guarded by this
    private long floor; // guarded by this

    VersionAnnouncer(CommitListeners listeners, long startVersion) {
        this.listeners = listeners;
        this.floor = startVersion;
    }

    synchronized void announce(long version) {
        if (version <= floor || !announced.add(version)) {
            return;
        }
        if (announced.size() > REMEMBERED) {
            floor = announced.pollFirst();
        }
        listeners.fire(version);
    }
}
