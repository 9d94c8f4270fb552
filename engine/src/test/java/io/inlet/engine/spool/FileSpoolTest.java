package io.inlet.engine.spool;

import io.inlet.engine.message.MessageBytes;
import io.inlet.engine.message.AcceptedMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.inlet.engine.spool.SpoolFixtures.body;
import static io.inlet.engine.spool.SpoolFixtures.commit;
import static io.inlet.engine.spool.SpoolFixtures.fileNames;
import static io.inlet.engine.spool.SpoolFixtures.metadata;
import static io.inlet.engine.spool.SpoolFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Receiving, state changes and listeners. Bounds, recovery and journal have their own classes. */
class FileSpoolTest {

    @TempDir
    Path root;

    private final List<FileSpool> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(FileSpool::close);
    }

    private FileSpool open() throws IOException {
        return open(SpoolSettings.defaults(root));
    }

    private FileSpool open(SpoolSettings settings) throws IOException {
        FileSpool spool = FileSpool.open(settings);
        opened.add(spool);
        return spool;
    }

    @Test
    void commitRoundTripsBodyAndMetadataIncludingTheCapturedRules() throws Exception {
        FileSpool spool = open();
        String id = commit(spool);

        assertThat(spool.queued()).containsExactly(id);
        assertThat(read(spool, id)).isEqualTo(body(id));
        // one file: the body is its first bytes, the metadata and footer follow
        MessageBytes stored = spool.body(id);
        assertThat(stored.file()).isEqualTo(root.resolve("queue").resolve(id + ".msg"));
        assertThat(stored.size()).isEqualTo(body(id).length);
        assertThat(Arrays.copyOf(Files.readAllBytes(stored.file()), body(id).length)).isEqualTo(body(id));
        assertThat(Files.size(stored.file())).isGreaterThan(stored.size() + 32);
        try (var in = stored.open()) {
            assertThat(in.readAllBytes()).isEqualTo(body(id));
        }
        assertThat(spool.metadata(id)).contains(metadata(id, body(id).length));
        assertThat(fileNames(root.resolve("queue"))).containsExactly(id + ".journal", id + ".msg");
        assertThat(fileNames(root.resolve("incoming"))).isEmpty();
        assertThat(spool.usage()).isEqualTo(new SpoolUsage(1, 0, body(id).length,
                SpoolSettings.DEFAULT_MAX_BYTES, SpoolSettings.DEFAULT_MAX_MESSAGES, 0, 0));
        assertThat(spool.state(id)).contains(SpoolState.QUEUED);
        assertThat(spool.ids(SpoolState.QUEUED)).containsExactly(id);

        // and as read by a fresh process
        spool.close();
        FileSpool again = open();
        AcceptedMessage reread = again.metadata(id).orElseThrow();
        assertThat(reread).isEqualTo(metadata(id, body(id).length));
        assertThat(reread.plans().get(0).rules().get(0).rule().actions().get(1).members().get(0).get("BucketName"))
                .isEqualTo("mail");
        assertThat(reread.envelope().receivedAt()).isEqualTo(Instant.parse("2024-05-01T10:15:30.123456789Z"));
    }

    @Test
    void metadataWithoutTlsAndNullSenderRoundTrips() throws Exception {
        FileSpool spool = open();
        String id;
        try (SpoolWriter writer = spool.begin()) {
            id = writer.messageId();
            writer.commit(SpoolFixtures.plainMetadata(id, 0));
        }
        assertThat(spool.metadata(id)).contains(SpoolFixtures.plainMetadata(id, 0));
        assertThat(spool.metadata(id).orElseThrow().envelope().tls()).isFalse();
        assertThat(read(spool, id)).isEmpty();
    }

    @Test
    void closeWithoutCommitDiscardsEverything() throws Exception {
        FileSpool spool = open();
        SpoolUsage empty = spool.usage();
        SpoolWriter writer = spool.begin();
        OutputStream out = writer.body();
        byte[] chunk = new byte[100_000];
        for (int i = 0; i < 5; i++) {
            out.write(chunk);
        }
        out.write('x');
        out.close(); // the stream's close only flushes: the writer decides
        assertThat(writer.size()).isEqualTo(500_001);
        assertThat(fileNames(root.resolve("incoming"))).containsExactly(writer.messageId() + ".msg");

        writer.close();
        writer.close(); // idempotent

        assertThat(fileNames(root.resolve("incoming"))).isEmpty();
        assertThat(fileNames(root.resolve("queue"))).isEmpty();
        assertThat(spool.queued()).isEmpty();
        assertThat(spool.usage()).isEqualTo(empty);
        assertThatThrownBy(() -> out.write(1)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> writer.commit(metadata(writer.messageId(), 1))).isInstanceOf(IOException.class);
    }

    @Test
    void writerRefusesMetadataOfAnotherMessageAndDiscards() throws Exception {
        FileSpool spool = open();
        SpoolWriter writer = spool.begin();
        writer.body().write("hello".getBytes(StandardCharsets.US_ASCII));
        String other = new MessageIds().next();
        assertThatThrownBy(() -> writer.commit(metadata(other, 5))).isInstanceOf(IllegalArgumentException.class);
        assertThat(spool.queued()).isEmpty();
        assertThat(fileNames(root.resolve("incoming"))).isEmpty();
        assertThat(spool.usage().queuedMessages()).isZero();
    }

    @Test
    void queuedListsOldestFirst() throws Exception {
        FileSpool spool = open();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(commit(spool, ("m" + i).getBytes(StandardCharsets.US_ASCII)));
        }
        assertThat(spool.queued()).containsExactlyElementsOf(ids);
    }

    @Test
    void completeMovesTheMessageWithItsJournalToDone() throws Exception {
        FileSpool spool = open();
        String id = commit(spool);
        Journal journal = spool.journal(id);
        journal.put("action:0:0", "done");

        spool.complete(id);

        assertThat(spool.queued()).isEmpty();
        assertThat(fileNames(root.resolve("queue"))).isEmpty();
        assertThat(fileNames(root.resolve("done"))).containsExactly(id + ".journal", id + ".msg");
        assertThat(spool.state(id)).contains(SpoolState.PROCESSED);
        assertThat(spool.ids(SpoolState.PROCESSED)).containsExactly(id);
        // everything still readable, where it now is
        assertThat(spool.metadata(id)).contains(metadata(id, body(id).length));
        assertThat(read(spool, id)).isEqualTo(body(id));
        assertThat(spool.body(id).file()).isEqualTo(root.resolve("done").resolve(id + ".msg"));
        assertThat(spool.journal(id).get("action:0:0")).contains("done");
        assertThat(spool.usage()).extracting(SpoolUsage::queuedMessages, SpoolUsage::bytes,
                SpoolUsage::processedMessages, SpoolUsage::processedBytes)
                .containsExactly(0, 0L, 1, (long) body(id).length);
        spool.complete(id); // idempotent
        assertThat(spool.state(id)).contains(SpoolState.PROCESSED);
        assertThatThrownBy(() -> spool.deadLetter(id, "too late")).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> spool.replay(id)).isInstanceOf(NoSuchFileException.class);

        // still there after a restart
        spool.close();
        FileSpool again = open();
        assertThat(again.ids(SpoolState.PROCESSED)).containsExactly(id);
        assertThat(again.queued()).isEmpty();
        assertThat(again.usage().processedMessages()).isEqualTo(1);
        assertThat(again.journal(id).get("action:0:0")).contains("done");
    }

    @Test
    void completeRemovesTheMessageAndItsJournalWhenNoneAreKept() throws Exception {
        FileSpool spool = open(SpoolSettings.defaults(root).withKeepProcessed(0));
        String id = commit(spool);
        Journal journal = spool.journal(id);
        journal.put("action:0:0", "done");
        assertThat(fileNames(root.resolve("queue"))).contains(id + ".journal");

        spool.complete(id);

        assertThat(spool.queued()).isEmpty();
        assertThat(fileNames(root.resolve("queue"))).isEmpty();
        assertThat(spool.metadata(id)).isEmpty();
        assertThat(spool.usage().queuedMessages()).isZero();
        assertThat(spool.usage().bytes()).isZero();
        assertThatThrownBy(() -> spool.openBody(id)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> spool.journal(id)).isInstanceOf(NoSuchFileException.class);
        // a stale journal handle must not bring a file back
        assertThatThrownBy(() -> journal.put("late", "x")).isInstanceOf(NoSuchFileException.class);
        assertThat(fileNames(root.resolve("queue"))).isEmpty();
        assertThat(fileNames(root.resolve("done"))).isEmpty();
        assertThat(spool.usage().processedMessages()).isZero();
        spool.complete(id); // idempotent
    }

    @Test
    void deadLetterKeepsEverythingAndReplayResumesWithTheJournal() throws Exception {
        FileSpool spool = open();
        List<String> notified = new CopyOnWriteArrayList<>();
        spool.addQueueListener(notified::add);
        String id = commit(spool);
        String other = commit(spool);
        spool.journal(id).put("action:0:0", "CONTINUE");
        Instant before = Instant.now();

        spool.deadLetter(id, "S3 endpoint down\nafter 8 attempts");

        assertThat(spool.queued()).containsExactly(other);
        assertThat(fileNames(root.resolve("dead"))).containsExactly(id + ".journal", id + ".msg");
        assertThat(spool.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.messageId()).isEqualTo(id);
            assertThat(d.reason()).isEqualTo("S3 endpoint down\nafter 8 attempts");
            assertThat(d.deadAt()).isBetween(before, Instant.now());
        });
        assertThat(spool.findDeadLetter(id)).contains(spool.deadLetters().get(0));
        assertThat(spool.findDeadLetter(other)).isEmpty();
        assertThat(spool.state(id)).contains(SpoolState.DEAD);
        assertThat(spool.ids(SpoolState.DEAD)).containsExactly(id);
        assertThat(spool.metadata(id)).contains(metadata(id, body(id).length));
        assertThat(read(spool, id)).isEqualTo(body(id));
        assertThat(spool.body(id).file()).isEqualTo(root.resolve("dead").resolve(id + ".msg"));
        assertThat(spool.journal(id).get("action:0:0")).contains("CONTINUE");
        assertThat(spool.usage().queuedMessages()).isEqualTo(1);
        assertThat(spool.usage().deadMessages()).isEqualTo(1);
        assertThat(spool.usage().bytes()).isEqualTo(body(id).length + body(other).length);
        spool.complete(id); // not queued: nothing happens
        assertThat(spool.deadLetters()).hasSize(1);
        assertThatThrownBy(() -> spool.deadLetter(id, "again")).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> spool.replay(other)).isInstanceOf(NoSuchFileException.class);

        // still dead after a restart, with its reason
        spool.close();
        FileSpool again = open();
        again.addQueueListener(notified::add);
        assertThat(again.deadLetters()).extracting(DeadLetter::reason).containsExactly("S3 endpoint down\nafter 8 attempts");
        assertThat(again.usage().deadMessages()).isEqualTo(1);

        again.replay(id);

        assertThat(again.queued()).containsExactlyInAnyOrder(id, other);
        assertThat(again.deadLetters()).isEmpty();
        assertThat(again.findDeadLetter(id)).isEmpty(); // the journal still has the record: not dead now
        assertThat(again.journal(id).get("action:0:0")).contains("CONTINUE");
        assertThat(again.journal(id).entries()).containsKey("deadLetter");
        assertThat(again.usage().deadMessages()).isZero();
        assertThat(again.usage().queuedMessages()).isEqualTo(2);
        assertThat(notified).containsExactly(id, other, id);
    }

    @Test
    void deleteRemovesQueuedProcessedOrDeadMessages() throws Exception {
        FileSpool spool = open();
        String queued = commit(spool);
        String dead = commit(spool);
        String processed = commit(spool);
        spool.deadLetter(dead, "gave up");
        spool.complete(processed);

        assertThat(spool.delete(queued)).isTrue();
        assertThat(spool.delete(dead)).isTrue();
        assertThat(spool.delete(processed)).isTrue();
        assertThat(spool.delete(queued)).isFalse();
        assertThat(spool.delete(new MessageIds().next())).isFalse();
        assertThat(spool.delete("../spool.lock")).isFalse();

        assertThat(spool.queued()).isEmpty();
        assertThat(spool.deadLetters()).isEmpty();
        assertThat(fileNames(root.resolve("queue"))).isEmpty();
        assertThat(fileNames(root.resolve("dead"))).isEmpty();
        assertThat(fileNames(root.resolve("done"))).isEmpty();
        assertThat(spool.state(processed)).isEmpty();
        assertThat(spool.usage()).extracting(SpoolUsage::queuedMessages, SpoolUsage::deadMessages, SpoolUsage::bytes,
                        SpoolUsage::processedMessages, SpoolUsage::processedBytes)
                .containsExactly(0, 0, 0L, 0, 0L);
    }

    @Test
    void listenersHearOfEachCommitAfterItIsQueuedAndAFailingOneBreaksNothing() throws Exception {
        FileSpool spool = open();
        List<String> seen = new CopyOnWriteArrayList<>();
        spool.addQueueListener(id -> {
            throw new IllegalStateException("listener bug");
        });
        spool.addQueueListener(id -> {
            // called after the commit is durable: the message is readable already
            assertThat(spool.metadata(id)).isPresent();
            seen.add(id);
        });
        String a = commit(spool);
        String b = commit(spool);
        assertThat(seen).containsExactly(a, b);
    }

    @Test
    void unknownOrMalformedIdsAreNotFound() throws Exception {
        FileSpool spool = open();
        String unknown = new MessageIds().next();
        assertThat(spool.metadata(unknown)).isEmpty();
        assertThat(spool.metadata("../../etc/passwd")).isEmpty();
        assertThat(spool.state(unknown)).isEmpty();
        assertThat(spool.state("../done")).isEmpty();
        assertThatThrownBy(() -> spool.openBody(unknown)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> spool.body("../spool")).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> spool.journal(unknown)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> spool.deadLetter(unknown, "x")).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> spool.replay(unknown)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aSecondOpenOfTheSameDirectoryIsRefused() throws Exception {
        open();
        assertThatThrownBy(() -> FileSpool.open(SpoolSettings.defaults(root)))
                .isInstanceOf(IOException.class).hasMessageContaining("already open");
    }

    @Test
    void aClosedSpoolTakesNoMessages() throws Exception {
        FileSpool spool = open();
        SpoolWriter inFlight = spool.begin();
        spool.close();
        assertThatThrownBy(spool::begin).isInstanceOfSatisfying(SpoolException.class,
                e -> assertThat(e.full()).isFalse());
        assertThatThrownBy(() -> inFlight.commit(metadata(inFlight.messageId(), 0))).isInstanceOf(IOException.class);
        assertThat(fileNames(root.resolve("incoming"))).isEmpty();
    }
}
