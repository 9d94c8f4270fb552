package io.inlet.engine.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for one directory's fsync: makes the renames and deletions done in that directory
 * before {@link #sync()} was called durable, sharing one fsync among concurrent callers.
 *
 * <p>Fsyncs are numbered (generations). A caller needs a generation that <em>started</em> after
 * its call: the one running now may have started before the caller's rename, so it does not count.
 * If no fsync is running, the caller becomes the leader and runs the next generation itself,
 * outside the lock; otherwise it waits. When a generation finishes, every caller that arrived
 * before it started is served at once, so under load there is about one fsync per fsync duration
 * rather than one per commit, and a lone caller pays exactly one fsync. A failed fsync fails the
 * callers it would have served (they cannot know their entry is durable); later callers start a
 * new one.
 */
final class GroupFsync {

    private final Path dir;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finishedOne = lock.newCondition();
    private final AtomicLong fsyncs = new AtomicLong();
    private long started;
    private long finished;
    private long lastSucceeded;
    private boolean running;
    private IOException lastFailure;
    private int waiting;
    /** Test hook run by the leader before each fsync (e.g. to hold it while callers pile up). */
    volatile Runnable beforeFsync = () -> { };

    GroupFsync(Path dir) {
        this.dir = dir;
    }

    /** Returns once an fsync of the directory that started after this call has completed. */
    void sync() throws IOException {
        lock.lock();
        try {
            long needed = started + 1;
            while (finished < needed) {
                if (running) {
                    waiting++;
                    try {
                        // uninterruptible: an fsync is short, and leaving early would lie about durability
                        finishedOne.awaitUninterruptibly();
                    } finally {
                        waiting--;
                    }
                } else {
                    lead();
                }
            }
            if (lastSucceeded < needed) {
                throw new IOException("fsync of directory " + dir + " failed", lastFailure);
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many directory fsyncs ran (tests assert group commit with it). */
    long fsyncCount() {
        return fsyncs.get();
    }

    /** How many callers wait for a running fsync (tests use it to see a group form). */
    int waiting() {
        lock.lock();
        try {
            return waiting;
        } finally {
            lock.unlock();
        }
    }

    /** Runs one generation. Called holding the lock; releases it for the fsync itself. */
    private void lead() {
        running = true;
        long generation = ++started;
        IOException failure = null;
        lock.unlock();
        try {
            beforeFsync.run();
            fsyncs.incrementAndGet();
            fsyncDirectory(dir);
        } catch (IOException e) {
            failure = e;
        } catch (RuntimeException | Error e) {
            failure = new IOException("fsync of directory " + dir + " failed", e);
        } finally {
            lock.lock();
            running = false;
            finished = generation;
            if (failure == null) {
                lastSucceeded = generation;
            } else {
                lastFailure = failure;
            }
            finishedOne.signalAll();
        }
    }

    /** fsync(2) on the directory itself: makes its entries (creations, renames, deletions) durable. */
    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
