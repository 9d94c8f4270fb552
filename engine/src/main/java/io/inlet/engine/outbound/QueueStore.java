package io.inlet.engine.outbound;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.inlet.engine.spool.MessageIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The queue's files (layout in the package doc). Every write is fsync'ed, file and directory,
 * before the method returns; a state change is one atomic rename of the envelope.
 */
final class QueueStore {

    private static final Logger LOG = LoggerFactory.getLogger(QueueStore.class);
    private static final String MESSAGE = ".eml";
    private static final String ENVELOPE = ".json";

    /** An envelope and the state directory it was found in. */
    record Located(OutboundState state, OutboundEnvelope envelope) {
    }

    private final Path messages;
    private final Path tmp;
    private final Map<OutboundState, Path> states = new EnumMap<>(OutboundState.class);
    // Unknown properties are ignored so a queue written by a newer version still drains after a rollback.
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    QueueStore(Path root) {
        this.messages = root.resolve("messages");
        this.tmp = root.resolve("tmp");
        for (OutboundState state : OutboundState.values()) {
            states.put(state, root.resolve(state.directory()));
        }
    }

    void createDirectories() throws IOException {
        Files.createDirectories(messages);
        Files.createDirectories(tmp);
        for (Path dir : states.values()) {
            Files.createDirectories(dir);
        }
    }

    Path message(String id) {
        return messages.resolve(id + MESSAGE);
    }

    /**
     * Streams {@code in} into {@code messages/<id>.eml} and fsyncs it. Bad input (not CRLF) deletes
     * the file and throws IllegalArgumentException.
     *
     * @return the size in bytes
     */
    long writeMessage(String id, InputStream in) throws IOException {
        Path file = message(id);
        boolean written = false;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            CrlfCheckingOutputStream checked = new CrlfCheckingOutputStream(
                    new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024));
            long size = in.transferTo(checked);
            checked.finish();
            checked.flush();
            channel.force(true);
            written = true;
            return size;
        } finally {
            if (!written) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** Commits a new entry: its envelope appears in {@code active/}, after the message is durable. */
    void create(OutboundEnvelope envelope) throws IOException {
        fsyncDirectory(messages);
        Path staged = stage(envelope);
        Files.move(staged, envelopeFile(OutboundState.ACTIVE, envelope.id()), StandardCopyOption.ATOMIC_MOVE);
        fsyncDirectory(states.get(OutboundState.ACTIVE));
    }

    /** Writes {@code envelope} into {@code to}'s directory and removes it from {@code from}'s. */
    void save(OutboundEnvelope envelope, OutboundState from, OutboundState to) throws IOException {
        Path staged = stage(envelope);
        Files.move(staged, envelopeFile(to, envelope.id()), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        fsyncDirectory(states.get(to));
        if (from != to) {
            Files.deleteIfExists(envelopeFile(from, envelope.id()));
            fsyncDirectory(states.get(from));
        }
    }

    /** Removes an entry: the envelope (the commit mark) first, then the message. */
    void remove(String id, OutboundState state) throws IOException {
        Files.deleteIfExists(envelopeFile(state, id));
        fsyncDirectory(states.get(state));
        Files.deleteIfExists(message(id));
        fsyncDirectory(messages);
    }

    Optional<Located> find(String id) throws IOException {
        for (OutboundState state : OutboundState.values()) {
            Path file = envelopeFile(state, id);
            if (Files.exists(file)) {
                try {
                    return Optional.of(new Located(state, read(file)));
                } catch (java.nio.file.NoSuchFileException e) {
                    // moved to another state between exists() and read(): look further
                }
            }
        }
        return Optional.empty();
    }

    /** IDs in a state, oldest first (IDs are time-ordered). */
    List<String> ids(OutboundState state) {
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(states.get(state), "*" + ENVELOPE)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String id = name.substring(0, name.length() - ENVELOPE.length());
                if (MessageIds.isValid(id)) {
                    ids.add(id);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + states.get(state), e);
        }
        ids.sort(null);
        return ids;
    }

    Optional<OutboundEnvelope> read(OutboundState state, String id) throws IOException {
        Path file = envelopeFile(state, id);
        try {
            return Optional.of(read(file));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * Cleans up after a crash: empties {@code tmp/}, keeps the newest copy of an envelope found in
     * two states, and deletes messages that no envelope refers to (an enqueue that never returned).
     */
    void recover() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        }
        Map<String, Located> newest = new HashMap<>();
        Set<String> corrupt = new HashSet<>();
        for (OutboundState state : OutboundState.values()) {
            for (String id : ids(state)) {
                Optional<OutboundEnvelope> envelope = readForRecovery(state, id, corrupt);
                if (envelope.isEmpty()) {
                    continue;
                }
                Located current = new Located(state, envelope.get());
                Located previous = newest.get(id);
                if (previous == null) {
                    newest.put(id, current);
                    continue;
                }
                Located keep = current.envelope().revision() > previous.envelope().revision() ? current : previous;
                Located drop = keep == current ? previous : current;
                newest.put(id, keep);
                LOG.warn("outbound {} was in {} and {} after a crash; keeping the newer one in {}", id,
                        previous.state().directory(), state.directory(), keep.state().directory());
                Files.delete(envelopeFile(drop.state(), id));
            }
        }
        Set<String> referenced = new HashSet<>(newest.keySet());
        referenced.addAll(corrupt); // an operator may still repair those, also ones set aside earlier
        for (Path dir : states.values()) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + ENVELOPE + ".corrupt")) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    referenced.add(name.substring(0, name.indexOf('.')));
                }
            }
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(messages, "*" + MESSAGE)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String id = name.substring(0, name.length() - MESSAGE.length());
                if (!referenced.contains(id)) {
                    LOG.info("outbound: removing {}, a message whose enqueue did not complete", name);
                    Files.delete(file);
                }
            }
        }
        for (Located located : newest.values()) {
            if (!Files.exists(message(located.envelope().id()))) {
                LOG.error("outbound {} in {} has lost its message file {}; moving it to dead", located.envelope().id(),
                        located.state().directory(), message(located.envelope().id()));
                // nothing can be sent; keep the envelope where an operator sees it
                if (located.state() != OutboundState.DEAD) {
                    save(located.envelope().withRecipients(located.envelope().recipients(),
                                    located.envelope().attempts(), located.envelope().nextAttempt(),
                                    "message file missing"),
                            located.state(), OutboundState.DEAD);
                }
            }
        }
        fsyncDirectory(tmp);
        fsyncDirectory(messages);
        for (Path dir : states.values()) {
            fsyncDirectory(dir);
        }
    }

    /** How many entries are in a state (for the depth gauge; lists the directory). */
    int count(OutboundState state) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(states.get(state), "*" + ENVELOPE)) {
            int n = 0;
            for (Path ignored : files) {
                n++;
            }
            return n;
        } catch (IOException e) {
            return 0;
        }
    }

    private Path envelopeFile(OutboundState state, String id) {
        return states.get(state).resolve(id + ENVELOPE);
    }

    private OutboundEnvelope read(Path file) throws IOException {
        return json.readValue(Files.readAllBytes(file), OutboundEnvelope.class);
    }

    /** Writes {@code tmp/<id>.json} and fsyncs it; only one writer per ID at a time (the queue ensures it). */
    private Path stage(OutboundEnvelope envelope) throws IOException {
        Path file = tmp.resolve(envelope.id() + ENVELOPE);
        ByteBuffer bytes = ByteBuffer.wrap(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(envelope));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        return file;
    }

    /** fsync(2) on a directory: makes its entries (creations, renames, deletions) durable. */
    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** An unreadable envelope is renamed to {@code <id>.json.corrupt} (kept for an operator), not fatal. */
    private Optional<OutboundEnvelope> readForRecovery(OutboundState state, String id, Set<String> corrupt)
            throws IOException {
        Path file = envelopeFile(state, id);
        try {
            return Optional.of(read(file));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
            LOG.error("outbound {}: envelope {} cannot be read, renamed to {}: {}", id, file, aside, e.getMessage());
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            corrupt.add(id);
            return Optional.empty();
        }
    }
}
