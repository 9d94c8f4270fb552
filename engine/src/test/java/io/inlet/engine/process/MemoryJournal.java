package io.inlet.engine.process;

import io.inlet.engine.spool.Journal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A journal in a map, for tests that need no spool. It models durability: deferred entries are
 * readable at once but survive {@link #crash()} only once a forced write or a sync followed them.
 */
final class MemoryJournal implements Journal {

    private final Map<String, String> entries = new LinkedHashMap<>();
    private final Map<String, String> durable = new LinkedHashMap<>();
    private int forcedWrites;

    @Override
    public synchronized Optional<String> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    @Override
    public synchronized void put(String key, String value) {
        putAll(Map.of(key, value));
    }

    @Override
    public synchronized void putAll(Map<String, String> records) {
        entries.putAll(records);
        force();
    }

    @Override
    public synchronized void putDeferred(String key, String value) {
        entries.put(key, value);
    }

    @Override
    public synchronized void sync() {
        if (!durable.equals(entries)) {
            force();
        }
    }

    @Override
    public synchronized Map<String, String> entries() {
        return new LinkedHashMap<>(entries);
    }

    /** What a crash leaves: the entries written durably so far. */
    synchronized MemoryJournal crash() {
        MemoryJournal after = new MemoryJournal();
        after.entries.putAll(durable);
        after.durable.putAll(durable);
        return after;
    }

    /** How many fsyncs a file journal would have made. */
    synchronized int forcedWrites() {
        return forcedWrites;
    }

    private void force() {
        durable.clear();
        durable.putAll(entries);
        forcedWrites++;
    }
}
