package io.inlet.engine.spool;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.inlet.engine.spool.SpoolFixtures.body;
import static io.inlet.engine.spool.SpoolFixtures.commit;
import static io.inlet.engine.spool.SpoolFixtures.fileNames;
import static org.assertj.core.api.Assertions.assertThat;

/** Processed messages kept in {@code done/} for inspection, and pruned to the newest {@code keepProcessed}. */
class FileSpoolRetentionTest {

    @TempDir
    Path root;

    private FileSpool spool;

    @AfterEach
    void close() {
        if (spool != null) {
            spool.close();
        }
    }

    private FileSpool open(int keep) throws Exception {
        if (spool != null) {
            spool.close();
        }
        spool = FileSpool.open(SpoolSettings.defaults(root).withKeepProcessed(keep));
        return spool;
    }

    @Test
    void completionPrunesTheOldestBeyondTheBound() throws Exception {
        open(2);
        String a = commit(spool);
        String b = commit(spool);
        String c = commit(spool);
        spool.journal(a).put("action:0:0", "done");

        spool.complete(a);
        spool.complete(b);
        spool.complete(c);

        assertThat(spool.ids(SpoolState.PROCESSED)).containsExactly(b, c);
        assertThat(spool.state(a)).isEmpty();
        assertThat(spool.metadata(a)).isEmpty();
        assertThat(fileNames(root.resolve("done"))).containsExactly(
                b + ".journal", b + ".msg", c + ".journal", c + ".msg");
        assertThat(spool.usage()).extracting(SpoolUsage::processedMessages, SpoolUsage::processedBytes)
                .containsExactly(2, (long) body(b).length + body(c).length);
    }

    @Test
    void completionAndPruningMakeOnlyTheDepartureFromTheQueueDurable() throws Exception {
        open(1);
        String a = commit(spool);
        String b = commit(spool);
        spool.journal(b).putDeferred("action:0:0", "done"); // the last action's record, never forced
        long queueFsyncs = spool.queueSync().fsyncCount();
        long doneFsyncs = spool.doneSync().fsyncCount();

        spool.complete(a);
        spool.complete(b); // prunes a

        assertThat(spool.queueSync().fsyncCount() - queueFsyncs).isEqualTo(2);
        assertThat(spool.doneSync().fsyncCount()).isEqualTo(doneFsyncs);
        assertThat(spool.ids(SpoolState.PROCESSED)).containsExactly(b);
        assertThat(spool.journal(b).get("action:0:0")).contains("done");
    }

    @Test
    void retentionGoesByAcceptanceTimeSoALateOldMessageIsPrunedAtOnce() throws Exception {
        open(1);
        String older = commit(spool);
        String newer = commit(spool);

        spool.complete(newer);
        spool.complete(older);

        assertThat(spool.ids(SpoolState.PROCESSED)).containsExactly(newer);
        assertThat(spool.state(older)).isEmpty();
        assertThat(spool.usage().processedMessages()).isEqualTo(1);
    }

    @Test
    void aLowerBoundAtStartPrunesWhatIsKept() throws Exception {
        open(5);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(commit(spool));
        }
        String queued = commit(spool);
        for (String id : ids) {
            spool.complete(id);
        }

        open(1);
        assertThat(spool.ids(SpoolState.PROCESSED)).containsExactly(ids.get(2));
        assertThat(spool.usage().processedMessages()).isEqualTo(1);

        open(0);
        assertThat(spool.ids(SpoolState.PROCESSED)).isEmpty();
        assertThat(fileNames(root.resolve("done"))).isEmpty();
        assertThat(spool.usage().processedMessages()).isZero();
        assertThat(spool.queued()).containsExactly(queued);
    }

    @Test
    void aProcessedMessageDeletedByAnOperatorIsNotCountedTwice() throws Exception {
        open(1);
        String a = commit(spool);
        String b = commit(spool);
        spool.complete(a);
        assertThat(spool.delete(a)).isTrue();

        spool.complete(b);

        assertThat(spool.ids(SpoolState.PROCESSED)).containsExactly(b);
        assertThat(spool.usage()).extracting(SpoolUsage::processedMessages, SpoolUsage::processedBytes)
                .containsExactly(1, (long) body(b).length);
    }

    @Test
    void concurrentCompletionsKeepExactlyTheNewest() throws Exception {
        open(5);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ids.add(commit(spool, new byte[10]));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            // reversed, so completions race with prunes of messages other threads just completed
            List<String> newestFirst = new ArrayList<>(ids);
            Collections.reverse(newestFirst);
            for (String id : newestFirst) {
                done.add(pool.submit(() -> {
                    spool.complete(id);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(spool.ids(SpoolState.PROCESSED)).containsExactlyElementsOf(ids.subList(55, 60));
        assertThat(spool.queued()).isEmpty();
        assertThat(spool.usage()).extracting(SpoolUsage::queuedMessages, SpoolUsage::bytes,
                SpoolUsage::processedMessages, SpoolUsage::processedBytes).containsExactly(0, 0L, 5, 50L);
        assertThat(fileNames(root.resolve("done"))).hasSize(10); // message file and journal of each
    }
}
