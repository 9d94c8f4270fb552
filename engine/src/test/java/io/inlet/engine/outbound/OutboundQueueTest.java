package io.inlet.engine.outbound;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.inlet.engine.outbound.OutboundFixtures.awaitGone;
import static io.inlet.engine.outbound.OutboundFixtures.awaitState;
import static io.inlet.engine.outbound.OutboundFixtures.enqueue;
import static io.inlet.engine.outbound.OutboundFixtures.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The queue on disk: input checks, durability across a restart, recovery, inspection, purge, the lock. */
class OutboundQueueTest {

    @TempDir
    Path dir;

    private static String queue(OutboundQueue queue, String body, String... to) throws IOException {
        return queue.enqueue("sender@inlet.test", List.of(to),
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private List<Path> files(String subdirectory) throws IOException {
        try (var stream = Files.list(dir.resolve(subdirectory))) {
            return new ArrayList<>(stream.toList());
        }
    }

    @Test
    void refusesBadInputWithAClearMessageAndKeepsNothing() throws Exception {
        try (OutboundQueue queue = open(OutboundFixtures.settings().build(), dir)) {
            assertThatThrownBy(() -> queue.enqueue("s@inlet.test", List.of(), new ByteArrayInputStream(new byte[1])))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one recipient");
            assertThatThrownBy(() -> queue(queue, "a\r\n", "no-at-sign"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("bad recipient address \"no-at-sign\"");
            assertThatThrownBy(() -> queue(queue, "a\r\n", "two words@x.test"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid local part");
            assertThatThrownBy(() -> queue(queue, "a\r\n", "u@bad..domain"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid domain");
            assertThatThrownBy(() -> queue.enqueue("<x@y>", List.of("u@x.test"), new ByteArrayInputStream(new byte[1])))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad sender address");
            assertThatThrownBy(() -> queue(queue, "Subject: x\r\n\r\nbare\nLF\r\n", "u@x.test"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bare LF at byte 18");
            assertThatThrownBy(() -> queue(queue, "Subject: x\r\n\r\nbare\rCR\r\n", "u@x.test"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bare CR");
            assertThatThrownBy(() -> queue(queue, "", "u@x.test"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");

            assertThat(files("messages")).isEmpty();
            assertThat(files("active")).isEmpty();
            // a quoted local part, an address literal and UTF-8 are all fine
            assertThat(queue(queue, "a\r\n", "\"john doe\"@x.test", "u@[127.0.0.1]", "jörg@bücher.test")).hasSize(40);
        }
    }

    @Test
    void enqueuedIsDurableAndResumesAfterARestart() throws Exception {
        String id;
        try (OutboundQueue queue = open(OutboundFixtures.settings().build(), dir)) {
            id = enqueue(queue, "", "someone@example.test"); // workers never started
            assertThat(dir.resolve("active/" + id + ".json")).exists();
            assertThat(dir.resolve("messages/" + id + ".eml")).hasBinaryContent(OutboundFixtures.bytes());
            assertThat(queue.list(null, 100)).singleElement().satisfies(e -> {
                assertThat(e.id()).isEqualTo(id);
                assertThat(e.state()).isEqualTo(OutboundState.ACTIVE);
                assertThat(e.mailFrom()).isEmpty();
                assertThat(e.attempts()).isZero();
                assertThat(e.size()).isEqualTo(OutboundFixtures.bytes().length);
                assertThat(e.recipients()).singleElement()
                        .satisfies(r -> assertThat(r.status()).isEqualTo(RecipientStatus.PENDING));
            });
        }
        try (TestSmtpServer server = TestSmtpServer.start();
             OutboundQueue reopened = open(OutboundFixtures.relay(server.port()).build(), dir)) {
            reopened.start();
            awaitGone(reopened, id);
            assertThat(server.delivered()).containsExactly("someone@example.test");
            // the envelope goes first, then the message file (an orphan message is cleaned at start)
            OutboundFixtures.await().until(() -> !Files.exists(dir.resolve("messages/" + id + ".eml")));
            assertThat(files("active")).isEmpty();
        }
    }

    @Test
    void recoveryRemovesDebrisAndKeepsTheNewerCopy() throws Exception {
        String id;
        try (OutboundQueue queue = open(OutboundFixtures.settings().build(), dir)) {
            id = enqueue(queue, "sender@inlet.test", "someone@example.test");
        }
        // a crash left: an unfinished enqueue, a staged envelope, and a newer copy in deferred/
        String orphan = "06h1d5grklsb9did4umbd92lgil1ea9uadgfln56";
        Files.writeString(dir.resolve("messages/" + orphan + ".eml"), "x\r\n");
        Files.writeString(dir.resolve("tmp/" + id + ".json"), "{");
        String active = Files.readString(dir.resolve("active/" + id + ".json"));
        String newer = active.replace("\"revision\" : 1", "\"revision\" : 2");
        assertThat(newer).isNotEqualTo(active);
        Files.writeString(dir.resolve("deferred/" + id + ".json"), newer);

        try (OutboundQueue queue = open(OutboundFixtures.settings().build(), dir)) {
            assertThat(dir.resolve("messages/" + orphan + ".eml")).doesNotExist();
            assertThat(files("tmp")).isEmpty();
            assertThat(dir.resolve("active/" + id + ".json")).doesNotExist();
            assertThat(queue.get(id)).hasValueSatisfying(e -> assertThat(e.state()).isEqualTo(OutboundState.DEFERRED));
        }
    }

    @Test
    void listsShowsAndPurges() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.start().reject("later@r.test", "452 4.2.2 mailbox full");
             OutboundQueue queue = open(OutboundFixtures.relay(server.port()).build(), dir)) {
            queue.start();
            String id = enqueue(queue, "sender@inlet.test", "later@r.test");
            OutboundEntry entry = awaitState(queue, id, OutboundState.DEFERRED);
            assertThat(entry.attempts()).isEqualTo(1);
            assertThat(entry.lastReply()).startsWith("452 4.2.2 mailbox full");
            assertThat(queue.list(OutboundState.DEFERRED, 10)).extracting(OutboundEntry::id).containsExactly(id);
            assertThat(queue.list(OutboundState.DEAD, 10)).isEmpty();
            // only dead entries are replayed (refused while the attempt that deferred it finishes)
            OutboundFixtures.await().ignoreException(IllegalStateException.class).until(() -> !queue.replay(id));

            assertThat(queue.purge(id)).isTrue();
            assertThat(queue.get(id)).isEmpty();
            assertThat(dir.resolve("messages/" + id + ".eml")).doesNotExist();
            assertThat(queue.purge(id)).isFalse();
            assertThat(queue.get("../../etc/passwd")).isEmpty();
        }
    }

    @Test
    void aSecondOpenWhileLockedIsReadOnly() throws Exception {
        try (OutboundQueue owner = open(OutboundFixtures.settings().build(), dir)) {
            String id = enqueue(owner, "sender@inlet.test", "someone@example.test");
            try (OutboundQueue viewer = open(OutboundFixtures.settings().build(), dir)) {
                assertThat(viewer.writable()).isFalse();
                assertThat(viewer.get(id)).isPresent();
                assertThatThrownBy(() -> enqueue(viewer, "s@inlet.test", "u@x.test"))
                        .isInstanceOf(IllegalStateException.class).hasMessageContaining("held by another process");
                assertThatThrownBy(viewer::start).isInstanceOf(IllegalStateException.class);
            }
        }
    }
}
