package io.inlet.engine.spool;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * The durable, append-only record of what processing already did for one message (verdicts
 * computed, actions completed with their outcome). A restart resumes from it: at-least-once, an
 * action whose completion was not recorded runs again.
 */
public interface Journal {

    /** The latest value recorded for {@code key}, if any. */
    Optional<String> get(String key);

    /** Appends {@code key=value} durably (fsync'ed before it returns, with anything deferred before it). */
    void put(String key, String value) throws IOException;

    /**
     * Appends several entries with one write and one fsync. A crash during it may keep a prefix of
     * them (in iteration order), never a later entry without an earlier one.
     */
    default void putAll(Map<String, String> entries) throws IOException {
        for (Map.Entry<String, String> e : entries.entrySet()) {
            put(e.getKey(), e.getValue());
        }
    }

    /**
     * Appends {@code key=value} without waiting for the disk: it is readable at once and becomes
     * durable with the next {@link #put}, {@link #putAll} or {@link #sync} of this journal. Only for
     * entries whose loss in a crash is allowed, such as an action's completion when the message
     * leaves the queue right after (the action then runs again: at-least-once).
     */
    default void putDeferred(String key, String value) throws IOException {
        put(key, value);
    }

    /** Makes the deferred entries durable; does nothing when there are none. */
    default void sync() throws IOException {
    }

    /** Every key with its latest value, in first-recorded order. */
    Map<String, String> entries();
}
