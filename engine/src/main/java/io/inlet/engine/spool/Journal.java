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

    /** Appends {@code key=value} durably (fsync'ed before it returns). */
    void put(String key, String value) throws IOException;

    /** Every key with its latest value, in first-recorded order. */
    Map<String, String> entries();
}
