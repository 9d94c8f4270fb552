package io.inlet.engine.verdicts;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A whole-conversation time limit for a scanner call. Blocking channels have no read timeout (and
 * Unix-socket channels no socket adaptor to set one on), and a per-read timeout would let a
 * slow-dripping daemon hold a worker forever; so when the time is up the guarded channel is
 * closed, which makes the blocked connect/read/write fail at once.
 */
final class Deadline implements AutoCloseable {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
            new ThreadFactoryBuilder().setNameFormat("inlet-scanner-deadline").setDaemon(true).build());

    private final Duration limit;
    private volatile boolean expired;
    private ScheduledFuture<?> task;

    private Deadline(Duration limit) {
        this.limit = limit;
    }

    static Deadline start(Duration limit) {
        return new Deadline(limit);
    }

    /** Arms the deadline for this channel; call once, before the first blocking operation. */
    void guard(Closeable channel) {
        task = TIMER.schedule(() -> {
            expired = true;
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing is the whole point; nothing more to do
            }
        }, limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean expired() {
        return expired;
    }

    @Override
    public void close() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
