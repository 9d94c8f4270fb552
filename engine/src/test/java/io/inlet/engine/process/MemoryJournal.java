package io.inlet.engine.process;

import io.inlet.engine.spool.Journal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A journal in a map, for tests that need no spool. */
final class MemoryJournal implements Journal {

    private final Map<String, String> entries = new LinkedHashMap<>();

    @Override
    public synchronized Optional<String> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    @Override
    public synchronized void put(String key, String value) {
        entries.put(key, value);
    }

    @Override
    public synchronized Map<String, String> entries() {
        return new LinkedHashMap<>(entries);
    }
}
