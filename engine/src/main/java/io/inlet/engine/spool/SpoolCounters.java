package io.inlet.engine.spool;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the spool holds, kept in memory (rebuilt by scanning at start) so that {@code begin()} and
 * {@code usage()} never walk the directories. Bytes are message bytes (the bodies); metadata and
 * journals are small and not counted. Messages being received count against the bound too, so
 * many concurrent sessions cannot overshoot it together. Processed messages kept for inspection
 * are counted apart and never against the bound (their retention prunes them).
 */
final class SpoolCounters {

    private final long maxBytes;
    private final int maxMessages;
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger dead = new AtomicInteger();
    private final AtomicInteger receiving = new AtomicInteger();
    private final AtomicLong heldBytes = new AtomicLong();
    private final AtomicLong receivingBytes = new AtomicLong();
    private final AtomicInteger processed = new AtomicInteger();
    private final AtomicLong processedBytes = new AtomicLong();

    SpoolCounters(long maxBytes, int maxMessages) {
        this.maxBytes = maxBytes;
        this.maxMessages = maxMessages;
    }

    /** Initial state from the startup scan. */
    void load(int queuedMessages, int deadMessages, long bytes, int processedMessages, long processedMessageBytes) {
        queued.set(queuedMessages);
        dead.set(deadMessages);
        heldBytes.set(bytes);
        processed.set(processedMessages);
        processedBytes.set(processedMessageBytes);
    }

    /**
     * Takes a slot for one more message, or explains why not (null = reserved). Counting first
     * and checking after makes the message bound exact under concurrency.
     */
    String tryReserve() {
        int inFlight = receiving.incrementAndGet();
        int held = queued.get() + dead.get() + inFlight - 1;
        long bytes = heldBytes.get() + receivingBytes.get();
        if (held >= maxMessages) {
            receiving.decrementAndGet();
            return "spool full: " + held + " messages held, bound " + maxMessages;
        }
        if (bytes >= maxBytes) {
            receiving.decrementAndGet();
            return "spool full: " + bytes + " bytes held, bound " + maxBytes;
        }
        return null;
    }

    void received(long bytes) {
        receivingBytes.addAndGet(bytes);
    }

    /** A reservation ends without a message (aborted or failed receive). */
    void released(long bytes) {
        receivingBytes.addAndGet(-bytes);
        receiving.decrementAndGet();
    }

    /** A received message is now queued. Adds before it subtracts: a bound check may overcount, never undercount. */
    void committed(long bytes) {
        queued.incrementAndGet();
        heldBytes.addAndGet(bytes);
        released(bytes);
    }

    void deadLettered() {
        dead.incrementAndGet();
        queued.decrementAndGet();
    }

    void replayed() {
        queued.incrementAndGet();
        dead.decrementAndGet();
    }

    /** A queued message moved to the processed area: it no longer counts against the bound. */
    void completed(long bytes) {
        processed.incrementAndGet();
        processedBytes.addAndGet(bytes);
        queued.decrementAndGet();
        heldBytes.addAndGet(-bytes);
    }

    void removed(SpoolState state, long bytes) {
        switch (state) {
            case QUEUED, DEAD -> {
                (state == SpoolState.DEAD ? dead : queued).decrementAndGet();
                heldBytes.addAndGet(-bytes);
            }
            case PROCESSED -> {
                processed.decrementAndGet();
                processedBytes.addAndGet(-bytes);
            }
        }
    }

    SpoolUsage usage() {
        return new SpoolUsage(queued.get(), dead.get(), heldBytes.get(), maxBytes, maxMessages,
                processed.get(), processedBytes.get());
    }
}
