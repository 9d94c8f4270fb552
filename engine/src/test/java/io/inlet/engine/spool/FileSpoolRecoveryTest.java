package io.inlet.engine.spool;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static io.inlet.engine.spool.SpoolFixtures.body;
import static io.inlet.engine.spool.SpoolFixtures.commit;
import static io.inlet.engine.spool.SpoolFixtures.fileNames;
import static io.inlet.engine.spool.SpoolFixtures.metadata;
import static io.inlet.engine.spool.SpoolFixtures.read;
import static io.inlet.engine.spool.SpoolFixtures.writeMessageFile;
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

        // killed while receiving: body only, no footer
        String receiving = ids.next();
        writeMessageFile(incoming, receiving, false);
        // killed while writing the footer: a torn trailer
        String tornFooter = ids.next();
        Path torn = writeMessageFile(incoming, tornFooter, true);
        try (FileChannel channel = FileChannel.open(torn, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 5);
        }
        // killed after the fdatasync, before the rename: complete, but never acknowledged
        String synced = ids.next();
        writeMessageFile(incoming, synced, true);
        // killed right after the commit created the empty journal, before the rename
        String journalCreated = ids.next();
        writeMessageFile(incoming, journalCreated, true);
        Files.createFile(queue.resolve(journalCreated + ".journal"));
        // killed inside a deletion (complete() with nothing kept): message file gone, journal left
        String halfDeleted = ids.next();
        Files.writeString(queue.resolve(halfDeleted + ".journal"), "action:0:0\tdone\n");
        // something an operator put there
        Files.writeString(queue.resolve("README.txt"), "hands off");

        spool = FileSpool.open(SpoolSettings.defaults(root));

        assertThat(spool.queued()).containsExactly(good1, good2);
        assertThat(fileNames(incoming)).isEmpty();
        assertThat(fileNames(queue)).containsExactlyInAnyOrder(
                good1 + ".msg", good1 + ".journal", good2 + ".msg", good2 + ".journal", "README.txt");
        assertThat(spool.deadLetters()).extracting(DeadLetter::messageId).containsExactly(dead);
        assertThat(fileNames(deadDir)).containsExactlyInAnyOrder(dead + ".msg", dead + ".journal");
        assertThat(read(spool, good1)).isEqualTo(body(good1));
        assertThat(spool.metadata(good2)).contains(metadata(good2, body(good2).length));
        assertThat(spool.journal(good1).get("action:0:0")).contains("done");
        assertThat(spool.usage()).extracting(SpoolUsage::queuedMessages, SpoolUsage::deadMessages, SpoolUsage::bytes)
                .containsExactly(2, 1, (long) body(good1).length + body(good2).length + body(dead).length);
    }

    @Test
    void anInterruptedDeadLetterLeavesTheMessageQueuedWithItsJournal() throws Exception {
        spool = FileSpool.open(SpoolSettings.defaults(root));
        String id = commit(spool);
        spool.journal(id).put("action:0:0", "done");
        spool.journal(id).put("deadLetter", "2024-01-01T00:00:00Z gave up");
        spool.close();
        // deadLetter() moves the journal, then the message file: stop it in between
        Files.move(root.resolve("queue").resolve(id + ".journal"), root.resolve("dead").resolve(id + ".journal"));

        spool = FileSpool.open(SpoolSettings.defaults(root));

        // the move did not happen: still queued (processing tries again), progress kept
        assertThat(spool.queued()).containsExactly(id);
        assertThat(spool.deadLetters()).isEmpty();
        assertThat(fileNames(root.resolve("dead"))).isEmpty();
        assertThat(spool.journal(id).get("action:0:0")).contains("done");
        assertThat(read(spool, id)).isEqualTo(body(id));
        assertThat(spool.usage().queuedMessages()).isEqualTo(1);
    }

    @Test
    void anInterruptedReplayLeavesTheMessageDead() throws Exception {
        spool = FileSpool.open(SpoolSettings.defaults(root));
        String id = commit(spool);
        spool.journal(id).put("action:0:0", "done");
        spool.deadLetter(id, "gave up");
        spool.close();
        Files.move(root.resolve("dead").resolve(id + ".journal"), root.resolve("queue").resolve(id + ".journal"));

        spool = FileSpool.open(SpoolSettings.defaults(root));

        assertThat(spool.queued()).isEmpty();
        assertThat(spool.deadLetters()).extracting(DeadLetter::messageId, DeadLetter::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(id, "gave up"));
        assertThat(spool.journal(id).get("action:0:0")).contains("done");
        assertThat(fileNames(root.resolve("queue"))).isEmpty();
    }

    @Test
    void aMoveInterruptedAfterTheMessageFileIsFinishedTowardIt() throws Exception {
        // not Inlet's order (the journal moves first), but recovery follows the message file anyway
        spool = FileSpool.open(SpoolSettings.defaults(root));
        String id = commit(spool);
        spool.journal(id).put("action:0:0", "done");
        spool.close();
        Files.move(root.resolve("queue").resolve(id + ".msg"), root.resolve("done").resolve(id + ".msg"));

        spool = FileSpool.open(SpoolSettings.defaults(root));

        assertThat(spool.ids(SpoolState.PROCESSED)).containsExactly(id);
        assertThat(fileNames(root.resolve("queue"))).isEmpty();
        assertThat(spool.journal(id).get("action:0:0")).contains("done");
        assertThat(spool.usage()).extracting(SpoolUsage::queuedMessages, SpoolUsage::processedMessages,
                SpoolUsage::processedBytes).containsExactly(0, 1, (long) body(id).length);
    }

    @Test
    void anInterruptedCompletionLeavesTheMessageQueued() throws Exception {
        spool = FileSpool.open(SpoolSettings.defaults(root));
        String id = commit(spool);
        spool.journal(id).put("action:0:0", "done");
        spool.close();
        Files.move(root.resolve("queue").resolve(id + ".journal"), root.resolve("done").resolve(id + ".journal"));

        spool = FileSpool.open(SpoolSettings.defaults(root));

        // at-least-once: its actions may run again, its journal says which are done
        assertThat(spool.queued()).containsExactly(id);
        assertThat(fileNames(root.resolve("done"))).isEmpty();
        assertThat(spool.journal(id).get("action:0:0")).contains("done");
        assertThat(spool.usage()).extracting(SpoolUsage::queuedMessages, SpoolUsage::bytes,
                SpoolUsage::processedMessages).containsExactly(1, (long) body(id).length, 0);
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
        // deletion removes the message file first: killed right after it
        Files.delete(root.resolve("done").resolve(pruned + ".msg"));

        spool = FileSpool.open(SpoolSettings.defaults(root));

        assertThat(spool.ids(SpoolState.PROCESSED)).containsExactly(kept);
        assertThat(fileNames(root.resolve("done"))).containsExactly(kept + ".journal", kept + ".msg");
        assertThat(spool.usage().processedMessages()).isEqualTo(1);
    }

    @Test
    void aDamagedMessageFileIsSetAsideNotDeleted() throws Exception {
        spool = FileSpool.open(SpoolSettings.defaults(root));
        String kept = commit(spool);
        String damaged = commit(spool);
        spool.journal(damaged).put("action:0:0", "done");
        spool.close();
        Path queue = root.resolve("queue");
        try (FileChannel channel = FileChannel.open(queue.resolve(damaged + ".msg"), StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 1); // disk damage: Inlet renames only complete files
        }

        spool = FileSpool.open(SpoolSettings.defaults(root));

        assertThat(spool.queued()).containsExactly(kept);
        assertThat(fileNames(queue)).containsExactlyInAnyOrder(kept + ".msg", kept + ".journal",
                damaged + ".msg.damaged", damaged + ".journal.damaged");
        assertThat(spool.usage().queuedMessages()).isEqualTo(1);
        spool.close();
        spool = FileSpool.open(SpoolSettings.defaults(root)); // and stays aside
        assertThat(spool.queued()).containsExactly(kept);
    }

    @Test
    void aCorruptedMetadataChecksumIsDamageToo() throws Exception {
        spool = FileSpool.open(SpoolSettings.defaults(root));
        String id = commit(spool);
        spool.close();
        Path file = root.resolve("queue").resolve(id + ".msg");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(new byte[] {'X'}), body(id).length + 2);
        }

        spool = FileSpool.open(SpoolSettings.defaults(root));

        assertThat(spool.queued()).isEmpty();
        assertThat(fileNames(root.resolve("queue"))).contains(id + ".msg.damaged");
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
