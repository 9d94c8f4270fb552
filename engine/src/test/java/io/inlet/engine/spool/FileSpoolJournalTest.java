package io.inlet.engine.spool;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.inlet.engine.spool.SpoolFixtures.commit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class FileSpoolJournalTest {

    @TempDir
    Path root;

    private FileSpool spool;

    @AfterEach
    void close() {
        if (spool != null) {
            spool.close();
        }
    }

    @Test
    void putGetAndEntriesInFirstRecordedOrderWithLatestValues() throws Exception {
        spool = FileSpool.open(SpoolSettings.defaults(root));
        String id = commit(spool);
        Journal journal = spool.journal(id);
        assertThat(journal.entries()).isEmpty();
        assertThat(journal.get("verdicts")).isEmpty();
        assertThat(root.resolve("queue").resolve(id + ".journal")).isEmptyFile(); // created empty at commit

        journal.put("verdicts", "{\"spf\":\"PASS\"}");
        journal.put("action:0:0", "attempt 1 failed");
        journal.put("action:0:1", "CONTINUE");
        journal.put("action:0:0", "CONTINUE");

        assertThat(journal.get("action:0:0")).contains("CONTINUE");
        assertThat(journal.entries()).containsExactly(entry("verdicts", "{\"spf\":\"PASS\"}"),
                entry("action:0:0", "CONTINUE"), entry("action:0:1", "CONTINUE"));
        assertThat(spool.journal(id)).isSameAs(journal);
    }

    @Test
    void valuesWithSeparatorsAndNonAsciiRoundTripAndSurviveReopen() throws Exception {
        spool = FileSpool.open(SpoolSettings.defaults(root));
        String id = commit(spool);
        String awkward = "line1\nline2\r\n\ttabbed \\n not a newline \\ end\\";
        spool.journal(id).put("key\twith\ttabs\n", awkward);
        spool.journal(id).put("unicode", "Grüße ✉ 𝄞");
        spool.close();

        spool = FileSpool.open(SpoolSettings.defaults(root));
        assertThat(spool.journal(id).entries()).containsExactly(entry("key\twith\ttabs\n", awkward),
                entry("unicode", "Grüße ✉ 𝄞"));
        assertThat(Files.readAllLines(root.resolve("queue").resolve(id + ".journal"))).hasSize(2);
    }

    @Test
    void aTornLastLineIsIgnoredAndCutBeforeTheNextAppend() throws Exception {
        spool = FileSpool.open(SpoolSettings.defaults(root));
        String id = commit(spool);
        spool.journal(id).put("action:0:0", "CONTINUE");
        spool.close();
        Path file = root.resolve("queue").resolve(id + ".journal");
        // the crash came in the middle of the next append
        Files.write(file, "action:0:1\tCONTI".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);

        spool = FileSpool.open(SpoolSettings.defaults(root));
        Journal journal = spool.journal(id);
        assertThat(journal.entries()).containsExactly(entry("action:0:0", "CONTINUE"));
        assertThat(journal.get("action:0:1")).isEmpty();

        journal.put("action:0:1", "STOP_RULE");
        spool.close();

        assertThat(Files.readString(file)).isEqualTo("action:0:0\tCONTINUE\naction:0:1\tSTOP_RULE\n");
        spool = FileSpool.open(SpoolSettings.defaults(root));
        assertThat(spool.journal(id).entries()).containsExactly(entry("action:0:0", "CONTINUE"),
                entry("action:0:1", "STOP_RULE"));
    }

    @Test
    void concurrentPutsOnOneMessageAreAllKept() throws Exception {
        spool = FileSpool.open(SpoolSettings.defaults(root));
        String id = commit(spool);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        spool.journal(id).put("t" + thread + ":" + i, "v" + i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        spool.close();
        spool = FileSpool.open(SpoolSettings.defaults(root));
        assertThat(spool.journal(id).entries()).hasSize(200).containsEntry("t7:24", "v24");
    }

    @Test
    void aMessageQueuedWithoutAJournalGetsOneWithItsFirstForcedWrite() throws Exception {
        spool = FileSpool.open(SpoolSettings.defaults(root));
        String id = commit(spool);
        spool.close();
        Path file = root.resolve("queue").resolve(id + ".journal");
        Files.delete(file); // how older versions queued a message: the journal came with the first record

        spool = FileSpool.open(SpoolSettings.defaults(root));
        assertThat(spool.queued()).containsExactly(id);
        long dirFsyncs = spool.queueSync().fsyncCount();
        spool.journal(id).put("verdicts", "{}");
        assertThat(spool.queueSync().fsyncCount()).isEqualTo(dirFsyncs + 1); // its new directory entry
        assertThat(Files.readString(file)).isEqualTo("verdicts\t{}\n");
        spool.complete(id);
        assertThat(spool.journal(id).get("verdicts")).contains("{}");
    }

    @Test
    void aFirstRecordNeedsNoDirectoryFsyncTheCommitMadeTheJournalDurable() throws Exception {
        spool = FileSpool.open(SpoolSettings.defaults(root));
        String id = commit(spool);
        long dirFsyncs = spool.queueSync().fsyncCount();
        spool.journal(id).put("verdicts", "{}");
        assertThat(spool.queueSync().fsyncCount()).isEqualTo(dirFsyncs);
    }

    @Test
    void putAllWritesItsEntriesTogetherAndTheySurviveReopen() throws Exception {
        spool = FileSpool.open(SpoolSettings.defaults(root));
        String id = commit(spool);
        Map<String, String> record = new LinkedHashMap<>();
        record.put("verdicts", "{\"spf\":\"PASS\"}");
        record.put("headers", "[{\"name\":\"Received\"}]");
        spool.journal(id).putAll(record);
        spool.close();

        assertThat(Files.readString(root.resolve("queue").resolve(id + ".journal")))
                .isEqualTo("verdicts\t{\"spf\":\"PASS\"}\nheaders\t[{\"name\":\"Received\"}]\n");
        spool = FileSpool.open(SpoolSettings.defaults(root));
        assertThat(spool.journal(id).entries()).containsExactly(entry("verdicts", "{\"spf\":\"PASS\"}"),
                entry("headers", "[{\"name\":\"Received\"}]"));
    }

    @Test
    void aDeferredEntryIsReadableAtOnceAndWrittenBeforeTheNextOne() throws Exception {
        spool = FileSpool.open(SpoolSettings.defaults(root));
        String id = commit(spool);
        spool.close();
        Files.delete(root.resolve("queue").resolve(id + ".journal")); // queued by an older version
        spool = FileSpool.open(SpoolSettings.defaults(root));
        Journal journal = spool.journal(id);
        long dirFsyncs = spool.queueSync().fsyncCount();
        journal.putDeferred("action:0:0", "CONTINUE"); // creates the file: its entry waits for a forced write
        assertThat(journal.get("action:0:0")).contains("CONTINUE");
        assertThat(spool.queueSync().fsyncCount()).isEqualTo(dirFsyncs);

        journal.sync();
        assertThat(spool.queueSync().fsyncCount()).isEqualTo(dirFsyncs + 1);
        journal.sync(); // nothing pending: no fsync at all
        assertThat(spool.queueSync().fsyncCount()).isEqualTo(dirFsyncs + 1);
        journal.putDeferred("action:0:1", "STOP_RULE");
        journal.put("attempts", "1");
        spool.close();

        spool = FileSpool.open(SpoolSettings.defaults(root));
        assertThat(spool.journal(id).entries()).containsExactly(entry("action:0:0", "CONTINUE"),
                entry("action:0:1", "STOP_RULE"), entry("attempts", "1"));
    }

    @Test
    void aDeferredLineWhosePagesNeverReachedTheDiskIsIgnored() throws Exception {
        spool = FileSpool.open(SpoolSettings.defaults(root));
        String id = commit(spool);
        spool.journal(id).put("action:0:0", "CONTINUE");
        spool.close();
        Path file = root.resolve("queue").resolve(id + ".journal");
        // a crash kept the file's new size and the page with the line's end, not the one with its start
        Files.write(file, "\0\0\0\0\0\0\0\0\0\0\0\tCONTINUE\"}\n".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);
        Files.write(file, "action:0:1\t\0\0\0\n".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);

        spool = FileSpool.open(SpoolSettings.defaults(root));
        Journal journal = spool.journal(id);
        assertThat(journal.entries()).containsExactly(entry("action:0:0", "CONTINUE"));
        journal.put("action:0:1", "STOP_RULE");
        spool.close();
        spool = FileSpool.open(SpoolSettings.defaults(root));
        assertThat(spool.journal(id).entries()).containsExactly(entry("action:0:0", "CONTINUE"),
                entry("action:0:1", "STOP_RULE"));
    }
}
