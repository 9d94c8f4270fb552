package io.inlet.engine.spool;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.inlet.engine.spool.SpoolFixtures.body;
import static io.inlet.engine.spool.SpoolFixtures.commit;
import static io.inlet.engine.spool.SpoolFixtures.fileNames;
import static io.inlet.engine.spool.SpoolFixtures.metadata;
import static io.inlet.engine.spool.SpoolFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

/** Start after a crash at each point of the write order (the debris is laid out by hand). */
class FileSpoolRecoveryTest {

    @TempDir
    Path root;

    private FileSpool spool;
    private final MessageIds ids = new MessageIds();

    @AfterEach
    void close() {
        if (spool != null) {
            spool.close();
        }
    }

    @Test
    void recoveryKeepsCommittedMessagesAndRemovesDebris() throws Exception {
        spool = FileSpool.open(SpoolSettings.defaults(root));
        String good1 = commit(spool);
        String good2 = commit(spool);
        spool.journal(good1).put("action:0:0", "done");
        String dead = commit(spool);
        spool.deadLetter(dead, "gave up");
        spool.close();
        Path incoming = root.resolve("incoming");
        Path queue = root.resolve("queue");
        Path deadDir = root.resolve("dead");

        // killed while receiving, and while committing (metadata written, not yet renamed)
        String receiving = ids.next();
        Files.write(incoming.resolve(receiving + ".eml"), body(receiving));
        Files.write(incoming.resolve(receiving + ".json"), "{\"messageId\":".getBytes());
        // killed between the body rename and the metadata rename: never acknowledged
        String halfCommitted = ids.next();
        Files.createFile(queue.resolve(halfCommitted + ".journal"));
        Files.write(queue.resolve(halfCommitted + ".eml"), body(halfCommitted));
        // killed right after the commit created the empty journal, before the renames
        String journalCreated = ids.next();
        Files.write(incoming.resolve(journalCreated + ".eml"), body(journalCreated));
        Files.write(incoming.resolve(journalCreated + ".json"), "{}".getBytes());
        Files.createFile(queue.resolve(journalCreated + ".journal"));
        // killed inside complete(): metadata gone, body and journal still there
        String halfCompleted = ids.next();
        Files.write(queue.resolve(halfCompleted + ".eml"), body(halfCompleted));
        Files.writeString(queue.resolve(halfCompleted + ".journal"), "action:0:0\tdone\n");
        // a lone journal
        Files.writeString(queue.resolve(ids.next() + ".journal"), "k\tv\n");
        // something an operator put there
        Files.writeString(queue.resolve("README.txt"), "hands off");

        spool = FileSpool.open(SpoolSettings.defaults(root));

        assertThat(spool.queued()).containsExactly(good1, good2);
        assertThat(fileNames(incoming)).isEmpty();
        assertThat(fileNames(queue)).containsExactlyInAnyOrder(
                good1 + ".eml", good1 + ".json", good1 + ".journal", good2 + ".eml", good2 + ".json",
                good2 + ".journal", "README.txt");
        assertThat(spool.deadLetters()).extracting(DeadLetter::messageId).containsExactly(dead);
        assertThat(fileNames(deadDir)).containsExactlyInAnyOrder(dead + ".eml", dead + ".json", dead + ".journal");
        assertThat(read(spool, good1)).isEqualTo(body(good1));
        assertThat(spool.metadata(good2)).contains(metadata(good2, body(good2).length));
        assertThat(spool.journal(good1).get("action:0:0")).contains("done");
        assertThat(spool.usage()).extracting(SpoolUsage::queuedMessages, SpoolUsage::deadMessages, SpoolUsage::bytes)
                .containsExactly(2, 1, (long) body(good1).length + body(good2).length + body(dead).length);
    }

    @Test
    void anInterruptedDeadLetterIsFinishedTowardTheBody() throws Exception {
        spool = FileSpool.open(SpoolSettings.defaults(root));
        String bodyMoved = commit(spool);
        String bodyAndJournalMoved = commit(spool);
        spool.journal(bodyAndJournalMoved).put("deadLetter", "2024-01-01T00:00:00Z gave up");
        spool.close();
        Path queue = root.resolve("queue");
        Path dead = root.resolve("dead");
        // deadLetter() moves body, journal, then metadata: stop it after one and after two moves
        Files.move(queue.resolve(bodyMoved + ".eml"), dead.resolve(bodyMoved + ".eml"));
        Files.move(queue.resolve(bodyAndJournalMoved + ".eml"), dead.resolve(bodyAndJournalMoved + ".eml"));
        Files.move(queue.resolve(bodyAndJournalMoved + ".journal"), dead.resolve(bodyAndJournalMoved + ".journal"));

        spool = FileSpool.open(SpoolSettings.defaults(root));

        assertThat(spool.queued()).isEmpty();
        assertThat(spool.deadLetters()).extracting(DeadLetter::messageId)
                .containsExactly(bodyMoved, bodyAndJournalMoved);
        assertThat(spool.deadLetters().get(1).reason()).isEqualTo("gave up");
        assertThat(fileNames(queue)).isEmpty();
        assertThat(read(spool, bodyMoved)).isEqualTo(body(bodyMoved));
        assertThat(spool.usage().deadMessages()).isEqualTo(2);
    }

    @Test
    void anInterruptedReplayIsFinishedTowardTheBody() throws Exception {
        spool = FileSpool.open(SpoolSettings.defaults(root));
        String id = commit(spool);
        spool.journal(id).put("action:0:0", "done");
        spool.deadLetter(id, "gave up");
        spool.close();
        Files.move(root.resolve("dead").resolve(id + ".eml"), root.resolve("queue").resolve(id + ".eml"));

        spool = FileSpool.open(SpoolSettings.defaults(root));

        assertThat(spool.queued()).containsExactly(id);
        assertThat(spool.deadLetters()).isEmpty();
        assertThat(spool.journal(id).get("action:0:0")).contains("done");
    }

    @Test
    void anInterruptedCompletionIsFinishedTowardTheBody() throws Exception {
        spool = FileSpool.open(SpoolSettings.defaults(root));
        String bodyMoved = commit(spool);
        String bodyAndJournalMoved = commit(spool);
        spool.journal(bodyAndJournalMoved).put("action:0:0", "done");
        spool.close();
        Path queue = root.resolve("queue");
        Path done = root.resolve("done");
        // complete() moves body, journal, then metadata into done/: stop it after one and after two moves
        Files.move(queue.resolve(bodyMoved + ".eml"), done.resolve(bodyMoved + ".eml"));
        Files.move(queue.resolve(bodyAndJournalMoved + ".eml"), done.resolve(bodyAndJournalMoved + ".eml"));
        Files.move(queue.resolve(bodyAndJournalMoved + ".journal"), done.resolve(bodyAndJournalMoved + ".journal"));

        spool = FileSpool.open(SpoolSettings.defaults(root));

        assertThat(spool.queued()).isEmpty();
        assertThat(fileNames(queue)).isEmpty();
        assertThat(spool.ids(SpoolState.PROCESSED)).containsExactly(bodyMoved, bodyAndJournalMoved);
        assertThat(spool.journal(bodyAndJournalMoved).get("action:0:0")).contains("done");
        assertThat(read(spool, bodyMoved)).isEqualTo(body(bodyMoved));
        assertThat(spool.usage()).extracting(SpoolUsage::queuedMessages, SpoolUsage::bytes,
                        SpoolUsage::processedMessages, SpoolUsage::processedBytes)
                .containsExactly(0, 0L, 2, (long) body(bodyMoved).length + body(bodyAndJournalMoved).length);
    }

    @Test
    void anInterruptedPruneLeavesNoDebris() throws Exception {
        spool = FileSpool.open(SpoolSettings.defaults(root));
        String kept = commit(spool);
        String pruned = commit(spool);
        spool.journal(pruned).put("action:0:0", "done");
        spool.complete(kept);
        spool.complete(pruned);
        spool.close();
        // deletion removes the metadata first: killed right after it
        Files.delete(root.resolve("done").resolve(pruned + ".json"));

        spool = FileSpool.open(SpoolSettings.defaults(root));

        assertThat(spool.ids(SpoolState.PROCESSED)).containsExactly(kept);
        assertThat(fileNames(root.resolve("done"))).containsExactly(kept + ".eml", kept + ".journal", kept + ".json");
        assertThat(spool.usage().processedMessages()).isEqualTo(1);
    }

    @Test
    void metadataWithoutABodyIsLoggedAndRemoved() throws Exception {
        spool = FileSpool.open(SpoolSettings.defaults(root));
        String kept = commit(spool);
        String lost = commit(spool);
        spool.close();
        Files.delete(root.resolve("queue").resolve(lost + ".eml"));

        spool = FileSpool.open(SpoolSettings.defaults(root));

        assertThat(spool.queued()).containsExactly(kept);
        assertThat(fileNames(root.resolve("queue"))).doesNotContain(lost + ".json");
        assertThat(spool.usage().queuedMessages()).isEqualTo(1);
    }

    @Test
    void aFreshDirectoryIsCreated() throws IOException {
        Path nested = root.resolve("data").resolve("spool");
        spool = FileSpool.open(SpoolSettings.defaults(nested));
        assertThat(nested.resolve("incoming")).isDirectory();
        assertThat(nested.resolve("queue")).isDirectory();
        assertThat(nested.resolve("dead")).isDirectory();
        assertThat(nested.resolve("done")).isDirectory();
        assertThat(spool.usage().queuedMessages()).isZero();
    }
}
