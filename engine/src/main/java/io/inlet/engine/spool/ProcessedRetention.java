package io.inlet.engine.spool;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Which processed messages the spool keeps: the newest {@code keep} by ID, that is by acceptance
 * time (IDs sort that way), so the order needs no extra state and survives a restart. Only
 * bookkeeping: the spool deletes what {@link #admit} and {@link #overflow} hand back.
 */
final class ProcessedRetention {

    private final int keep;
    private final TreeSet<String> ids;

    ProcessedRetention(int keep, Collection<String> present) {
        this.keep = keep;
        this.ids = new TreeSet<>(present);
    }

    /** Whether processed messages are kept at all (otherwise completion deletes them). */
    boolean keeps() {
        return keep > 0;
    }

    /** Records a newly processed message; returns those now beyond the bound (possibly itself). */
    synchronized List<String> admit(String id) {
        ids.add(id);
        return overflow();
    }

    /** Takes out and returns the oldest IDs beyond the bound. */
    synchronized List<String> overflow() {
        List<String> out = new ArrayList<>();
        while (ids.size() > keep) {
            out.add(ids.pollFirst());
        }
        return out;
    }

    synchronized void forget(String id) {
        ids.remove(id);
    }
}
