package io.inlet.engine.spool;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.inlet.engine.spool.SpoolFixtures.body;
import static io.inlet.engine.spool.SpoolFixtures.fileNames;
import static io.inlet.engine.spool.SpoolFixtures.metadata;
import static io.inlet.engine.spool.SpoolFixtures.read;
import static io.inlet.engine.spool.SpoolFixtures.writeLegacyMessage;
import static io.inlet.engine.spool.SpoolFixtures.writeMessageFile;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A spool written by a version before one file per message ({@code .eml} + {@code .json}): its
 * messages are converted at start, with every crash state of the old layout and of the conversion.
 */
class FileSpoolLegacyLayoutTest {

    @TempDir
    Path root;

    private FileSpool spool;
    private final MessageIds ids = new MessageIds();
    private Path queue;
    private Path dead;
    private Path done;

    @AfterEach
    void close() {
        if (spool != null) {
            spool.close();
        }
    }

    private void layOut() throws Exception {
        new SpoolLayout(root).createDirectories();
        queue = root.resolve("queue");
        dead = root.resolve("dead");
        done = root.resolve("done");
    }

    @Test
    void messagesOfEveryStateAreConvertedWithTheirJournals() throws Exception {
        layOut();
        String queued = ids.next();
        writeLegacyMessage(queue, queued);
        Files.writeString(queue.resolve(queued + ".journal"), "action:0:0\tdone\n");
        String noJournal = ids.next(); // queued by a version before the empty journal at commit
        writeLegacyMessage(queue, noJournal);
        String deadId = ids.next();
        writeLegacyMessage(dead, deadId);
        Files.writeString(dead.resolve(deadId + ".journal"), "deadLetter\t2024-01-01T00:00:00Z gave up\n");
        String processed = ids.next();
        writeLegacyMessage(done, processed);

        spool = FileSpool.open(SpoolSettings.defaults(root));

        assertThat(spool.queued()).containsExactly(queued, noJournal);
        assertThat(fileNames(queue)).containsExactlyInAnyOrder(queued + ".msg", queued + ".journal", noJournal + ".msg");
        assertThat(fileNames(dead)).containsExactlyInAnyOrder(deadId + ".msg", deadId + ".journal");
        assertThat(fileNames(done)).containsExactly(processed + ".msg");
        for (String id : new String[] {queued, noJournal, deadId, processed}) {
            assertThat(read(spool, id)).as("body of %s", id).isEqualTo(body(id));
            assertThat(spool.body(id).size()).isEqualTo(body(id).length);
            assertThat(spool.metadata(id)).as("metadata of %s", id).contains(metadata(id, body(id).length));
        }
        assertThat(spool.journal(queued).get("action:0:0")).contains("done");
        assertThat(spool.deadLetters()).extracting(DeadLetter::reason).containsExactly("gave up");
        assertThat(spool.ids(SpoolState.PROCESSED)).containsExactly(processed);
        assertThat(spool.usage()).extracting(SpoolUsage::queuedMessages, SpoolUsage::deadMessages, SpoolUsage::bytes,
                        SpoolUsage::processedMessages, SpoolUsage::processedBytes)
                .containsExactly(2, 1, (long) body(queued).length + body(noJournal).length + body(deadId).length,
                        1, (long) body(processed).length);

        // and they go on like any other message
        spool.journal(noJournal).put("action:0:0", "done");
        spool.complete(noJournal);
        spool.replay(deadId);
        assertThat(spool.queued()).containsExactly(queued, deadId);
        assertThat(spool.ids(SpoolState.PROCESSED)).containsExactly(noJournal, processed);
    }

    @Test
    void theOldLayoutsCrashStatesAreSettledBeforeConverting() throws Exception {
        layOut();
        // a body without metadata: a commit or completion that never finished
        String bodyOnly = ids.next();
        Files.write(queue.resolve(bodyOnly + ".eml"), body(bodyOnly));
        Files.writeString(queue.resolve(bodyOnly + ".journal"), "action:0:0\tdone\n");
        // a dead-letter interrupted after the body moved: finished toward the body
        String split = ids.next();
        writeLegacyMessage(queue, split);
        Files.move(queue.resolve(split + ".eml"), dead.resolve(split + ".eml"));
        Files.writeString(queue.resolve(split + ".journal"), "deadLetter\t2024-01-01T00:00:00Z gave up\n");
        // metadata whose body is gone (outside interference): logged and removed
        String lost = ids.next();
        writeLegacyMessage(queue, lost);
        Files.delete(queue.resolve(lost + ".eml"));

        spool = FileSpool.open(SpoolSettings.defaults(root));

        assertThat(spool.queued()).isEmpty();
        assertThat(fileNames(queue)).isEmpty();
        assertThat(spool.deadLetters()).extracting(DeadLetter::messageId, DeadLetter::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(split, "gave up"));
        assertThat(fileNames(dead)).containsExactlyInAnyOrder(split + ".msg", split + ".journal");
        assertThat(read(spool, split)).isEqualTo(body(split));
    }

    @Test
    void everyCrashStateOfTheConversionEndsWithOneWholeMessage() throws Exception {
        layOut();
        Path incoming = root.resolve("incoming");
        // killed while building the new file in incoming/: the pair is still the message
        String building = ids.next();
        writeLegacyMessage(queue, building);
        writeMessageFile(incoming, building, false);
        // killed after the rename, before the old pair was deleted
        String renamed = ids.next();
        writeLegacyMessage(queue, renamed);
        writeMessageFile(queue, renamed, true);
        // killed between deleting the old metadata and the old body
        String halfDeleted = ids.next();
        writeLegacyMessage(queue, halfDeleted);
        writeMessageFile(queue, halfDeleted, true);
        Files.delete(queue.resolve(halfDeleted + ".json"));

        spool = FileSpool.open(SpoolSettings.defaults(root));

        assertThat(spool.queued()).containsExactly(building, renamed, halfDeleted);
        assertThat(fileNames(incoming)).isEmpty();
        assertThat(fileNames(queue)).containsExactlyInAnyOrder(building + ".msg", renamed + ".msg", halfDeleted + ".msg");
        for (String id : spool.queued()) {
            assertThat(read(spool, id)).as("body of %s", id).isEqualTo(body(id));
            assertThat(spool.metadata(id)).as("metadata of %s", id).contains(metadata(id, body(id).length));
        }
        assertThat(spool.usage().bytes())
                .isEqualTo((long) body(building).length + body(renamed).length + body(halfDeleted).length);
    }
}
