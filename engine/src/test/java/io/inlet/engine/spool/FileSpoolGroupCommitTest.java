package io.inlet.engine.spool;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.inlet.engine.spool.SpoolFixtures.body;
import static io.inlet.engine.spool.SpoolFixtures.commit;
import static io.inlet.engine.spool.SpoolFixtures.metadata;
import static io.inlet.engine.spool.SpoolFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Concurrent commits: all durable, and they share directory fsyncs. */
class FileSpoolGroupCommitTest {

    @TempDir
    Path root;

    private FileSpool spool;
    private ExecutorService pool;

    @AfterEach
    void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
        if (spool != null) {
            spool.close();
        }
    }

    @Test
    void thirtyTwoThreadsCommittingFiftyEachShareDirectoryFsyncs() throws Exception {
        spool = FileSpool.open(SpoolSettings.defaults(root));
        int threads = 32;
        int each = 50;
        pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        Set<String> committed = ConcurrentHashMap.newKeySet();
        long fsyncsBefore = spool.queueSync().fsyncCount();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < each; i++) {
                    committed.add(commit(spool));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }

        long dirFsyncs = spool.queueSync().fsyncCount() - fsyncsBefore;
        int commits = threads * each;
        System.out.printf("group commit: %d commits, %d directory fsyncs of queue/%n", commits, dirFsyncs);
        assertThat(committed).hasSize(commits);
        assertThat(spool.queued()).hasSize(commits).containsExactlyInAnyOrderElementsOf(committed);
        assertThat(spool.usage().queuedMessages()).isEqualTo(commits);
        assertThat(dirFsyncs).as("directory fsyncs for %d commits", commits).isPositive().isLessThan(commits);
        for (String id : committed) {
            assertThat(spool.metadata(id)).contains(metadata(id, body(id).length));
        }
        String sample = committed.iterator().next();
        assertThat(read(spool, sample)).isEqualTo(body(sample));
    }

    @Test
    void commitsArrivingDuringAnFsyncAreServedByOneMoreFsync() throws Exception {
        spool = FileSpool.open(SpoolSettings.defaults(root));
        GroupFsync sync = spool.queueSync();
        CountDownLatch firstHeld = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        sync.beforeFsync = () -> {
            if (first.compareAndSet(true, false)) {
                firstHeld.countDown();
                awaitUninterruptibly(releaseFirst);
            }
        };
        long before = sync.fsyncCount();
        pool = Executors.newFixedThreadPool(11);

        Future<String> leader = pool.submit(() -> commit(spool));
        firstHeld.await();
        List<Future<String>> followers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            followers.add(pool.submit(() -> commit(spool)));
        }
        // all ten renamed their files and wait: the running fsync may predate their renames
        await().atMost(Duration.ofSeconds(30)).until(() -> sync.waiting() == 10);
        assertThat(followers).noneMatch(Future::isDone);
        assertThat(leader.isDone()).isFalse();
        releaseFirst.countDown();

        leader.get();
        for (Future<String> f : followers) {
            f.get();
        }
        assertThat(sync.fsyncCount() - before).isEqualTo(2);
        assertThat(spool.queued()).hasSize(11);
    }

    @Test
    void aFailedDirectoryFsyncFailsItsCallersAndTheNextCallTriesAgain() throws Exception {
        Path dir = root.resolve("later");
        GroupFsync sync = new GroupFsync(dir);
        assertThatThrownBy(sync::sync).isInstanceOf(IOException.class).hasMessageContaining("later");
        Files.createDirectory(dir);
        sync.sync();
        assertThat(sync.fsyncCount()).isEqualTo(2);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
