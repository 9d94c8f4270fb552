package io.inlet.engine.spool;

import io.inlet.engine.message.AcceptedMessage;
import io.inlet.engine.message.MessageBytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The spool on a local file system (see {@link SpoolLayout} for the directories and files).
 *
 * <p><b>Commit.</b> The body streams into {@code incoming/<id>.msg}. {@code commit} appends the
 * metadata and a footer to it ({@link MessageFile}) and fdatasyncs it (the one file sync of the
 * accept path), creates the empty journal {@code queue/<id>.journal}, renames the message file
 * into {@code queue/} (atomic; a {@code .msg} in {@code queue/} is therefore complete) and fsyncs
 * {@code queue/} itself so the new names survive a power loss. Only then does {@code commit}
 * return and the session answer 250. {@code incoming/} is never fsync'ed: whatever a crash leaves
 * there is deleted at start.
 *
 * <p><b>Group commit.</b> The file fsyncs run on the committing threads, in parallel. The
 * directory fsync goes through {@link GroupFsync}: a commit waits for a directory fsync that
 * started after its rename, and one such fsync serves every rename before it, so concurrent
 * sessions share it. Completion, dead-lettering, replay and deletion use the same mechanism.
 *
 * <p><b>State changes</b> move the journal, then the message file (the commit mark last into the
 * new directory), and fsync the destination then the source directory; a crash in between leaves
 * the journal in the new directory and the message file in the old one, and recovery
 * ({@link SpoolRecovery}) moves the journal back: the state change did not happen. Deletion
 * removes the message file first, so a crash in between leaves a lone journal, which recovery
 * deletes. Dead-lettering first records {@code deadLetter = "<instant> <reason>"} in the journal.
 *
 * <p><b>Completion</b> is the cheap state change: every action is done, so what must be durable is
 * only that the message left {@code queue/} (else a crash would run its actions again; allowed,
 * at-least-once, but to be avoided). It moves the files into {@code done/} and fsyncs
 * {@code queue/} alone, neither {@code done/} nor the journal: the copy in {@code done/} exists
 * for inspection, and losing it, or the record of the last action in it (written deferred, see
 * {@link Journal#putDeferred}), in a crash is harmless. On a journaling file system (ext4, xfs) a
 * rename is one transaction, so the fsync of {@code queue/} commits the {@code done/} entry with
 * it anyway. A crash before that fsync leaves the message queued, possibly without the record of
 * its last action, which then runs again. Pruning the oldest processed copies (and completion when
 * none are kept, a deletion) follow the same reasoning: a pruned copy that a crash brings back is
 * pruned again at the next start, so pruning fsyncs nothing.
 *
 * <p><b>Concurrency.</b> Every operation on one message synchronizes on its {@link FileJournal}
 * (one instance per message), so moves, deletions and journal appends never interleave. Usage
 * is counted in memory ({@link SpoolCounters}). A lock file keeps a second process (or a second
 * instance in this JVM) off the same directory. Queue listeners are called after the change is
 * durable and outside every lock.
 */
public final class FileSpool implements Spool {

    private static final Logger log = LoggerFactory.getLogger(FileSpool.class);

    private final SpoolLayout layout;
    private final SpoolCounters counters;
    private final MessageIds ids = new MessageIds();
    private final MetadataCodec codec = new MetadataCodec();
    private final GroupFsync queueSync;
    private final GroupFsync deadSync;
    private final GroupFsync doneSync;
    private final ProcessedRetention retention;
    private final Map<String, FileJournal> messages = new ConcurrentHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final FileChannel lockChannel;
    private final FileLock lock;
    private volatile boolean closed;

    private FileSpool(SpoolSettings settings) throws IOException {
        this.layout = new SpoolLayout(settings.root());
        this.counters = new SpoolCounters(settings.maxBytes(), settings.maxMessages());
        layout.createDirectories();
        this.lockChannel = FileChannel.open(layout.root.resolve(SpoolLayout.LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        this.lock = lockSpool();
        this.queueSync = new GroupFsync(layout.queue);
        this.deadSync = new GroupFsync(layout.dead);
        this.doneSync = new GroupFsync(layout.done);
        try {
            SpoolRecovery.Result found = new SpoolRecovery(layout).run();
            counters.load(found.queued(), found.dead(), found.bytes(), found.processed(), found.processedBytes());
            this.retention = new ProcessedRetention(settings.keepProcessed(), SpoolLayout.committedIds(layout.done));
            prune(retention.overflow()); // the setting may have been lowered since the last run
            log.info("spool {} open: {} queued, {} dead-lettered, {} bytes; {} processed kept", layout.root,
                    found.queued(), found.dead(), found.bytes(), counters.usage().processedMessages());
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Opens the spool under {@code settings.root()}, creating it or recovering what it holds. */
    public static FileSpool open(SpoolSettings settings) throws IOException {
        return new FileSpool(settings);
    }

    @Override
    public SpoolWriter begin() throws SpoolException {
        if (closed) {
            throw new SpoolException("spool is closed", false, null);
        }
        String full = counters.tryReserve();
        if (full != null) {
            throw new SpoolException(full, true, null);
        }
        String id = ids.next();
        try {
            return new FileSpoolWriter(id, SpoolLayout.file(layout.incoming, id, SpoolLayout.MESSAGE),
                    counters, codec, this::enqueue);
        } catch (IOException | RuntimeException e) {
            counters.released(0);
            throw new SpoolException("cannot write to the spool: " + e, false, e);
        }
    }

    /** The commit of a received, fdatasync'ed message file (see the class comment), called by its writer. */
    private void enqueue(String id, Path received, long size) throws IOException {
        if (closed) {
            throw new IOException("spool is closed");
        }
        Path message = SpoolLayout.file(layout.queue, id, SpoolLayout.MESSAGE);
        Path journal = SpoolLayout.file(layout.queue, id, SpoolLayout.JOURNAL);
        boolean moved = false;
        try {
            // empty, so the directory fsync below makes its entry durable too: processing's first
            // journal write then needs no directory fsync of its own
            Files.createFile(journal);
            Files.move(received, message, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
            queueSync.sync();
        } catch (IOException | RuntimeException e) {
            // The session answers 4xx and the client sends again: this copy must not be processed too.
            if (moved) {
                deleteQuietly(message);
            }
            deleteQuietly(journal);
            throw e;
        }
        counters.committed(size);
        notifyQueued(id);
    }

    @Override
    public List<String> queued() {
        return SpoolLayout.committedIds(layout.queue);
    }

    @Override
    public List<String> ids(SpoolState state) {
        return SpoolLayout.committedIds(layout.dir(state));
    }

    @Override
    public Optional<SpoolState> state(String messageId) {
        return locate(messageId).map(layout::state);
    }

    @Override
    public Optional<AcceptedMessage> metadata(String messageId) {
        if (!MessageIds.isValid(messageId)) {
            return Optional.empty();
        }
        // two tries: a concurrent dead-letter or replay may move the file between locate and read
        for (int attempt = 0; ; attempt++) {
            Optional<Path> dir = locate(messageId);
            if (dir.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(codec.decode(MessageFile.metadata(
                        SpoolLayout.file(dir.get(), messageId, SpoolLayout.MESSAGE))));
            } catch (NoSuchFileException e) {
                if (attempt > 0) {
                    return Optional.empty();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the metadata of " + messageId, e);
            }
        }
    }

    @Override
    public InputStream openBody(String messageId) throws IOException {
        // two tries: the file may move to another state between locating and opening it
        for (int attempt = 0; ; attempt++) {
            try {
                return body(messageId).open();
            } catch (NoSuchFileException e) {
                if (attempt > 0) {
                    throw e;
                }
            }
        }
    }

    @Override
    public MessageBytes body(String messageId) throws IOException {
        // two tries: a concurrent state change may move the file between locate and read
        for (int attempt = 0; ; attempt++) {
            Path file = SpoolLayout.file(require(messageId), messageId, SpoolLayout.MESSAGE);
            try {
                return new MessageBytes(file, MessageFile.footer(file).bodyLength());
            } catch (NoSuchFileException e) {
                if (attempt > 0) {
                    throw e;
                }
            }
        }
    }

    @Override
    public Journal journal(String messageId) throws IOException {
        return message(messageId);
    }

    /**
     * Idempotent: a message that is not queued (any more) is left as it is. Pruning runs after the
     * message's lock is released (it takes other messages' locks) and never fails the completion.
     */
    @Override
    public void complete(String messageId) throws IOException {
        FileJournal message;
        try {
            message = message(messageId);
        } catch (NoSuchFileException e) {
            return;
        }
        List<String> expired = List.of();
        try {
            synchronized (message) {
                if (!live(messageId, message) || !message.dir().equals(layout.queue)) {
                    log.debug("complete({}): not queued any more, nothing to do", messageId);
                    return;
                }
                if (!retention.keeps()) {
                    remove(messageId, message, true);
                    return;
                }
                long size = bodyLength(SpoolLayout.file(layout.queue, messageId, SpoolLayout.MESSAGE));
                move(messageId, message, layout.queue, layout.done);
                counters.completed(size);
                expired = retention.admit(messageId);
                // only the departure from queue/ needs to be durable (see the class comment)
                queueSync.sync();
            }
        } finally {
            prune(expired);
        }
    }

    @Override
    public void deadLetter(String messageId, String reason) throws IOException {
        FileJournal message = message(messageId);
        synchronized (message) {
            if (!live(messageId, message) || !message.dir().equals(layout.queue)) {
                throw new NoSuchFileException(messageId, null, "not queued");
            }
            message.put(FileJournal.DEAD_LETTER, Instant.now() + " " + reason);
            move(messageId, message, layout.queue, layout.dead);
            counters.deadLettered();
            syncBoth(layout.dead, layout.queue);
        }
        log.warn("message {} dead-lettered: {}", messageId, reason);
    }

    @Override
    public List<DeadLetter> deadLetters() {
        List<DeadLetter> out = new ArrayList<>();
        for (String id : SpoolLayout.committedIds(layout.dead)) {
            out.add(parseDeadLetter(id, deadLetterEntries(id).get(FileJournal.DEAD_LETTER)));
        }
        return out;
    }

    /** A dead letter's journal, without opening a handle for it (listing should not grow the map). */
    private Map<String, String> deadLetterEntries(String id) {
        FileJournal open = messages.get(id);
        return open != null
                ? open.entries()
                : FileJournal.read(SpoolLayout.file(layout.dead, id, SpoolLayout.JOURNAL)).entries();
    }

    @Override
    public Optional<DeadLetter> findDeadLetter(String messageId) {
        if (state(messageId).orElse(null) != SpoolState.DEAD) {
            return Optional.empty();
        }
        return Optional.of(parseDeadLetter(messageId, deadLetterEntries(messageId).get(FileJournal.DEAD_LETTER)));
    }

    @Override
    public void replay(String messageId) throws IOException {
        FileJournal message = message(messageId);
        synchronized (message) {
            if (!live(messageId, message) || !message.dir().equals(layout.dead)) {
                throw new NoSuchFileException(messageId, null, "not dead-lettered");
            }
            move(messageId, message, layout.dead, layout.queue);
            counters.replayed();
            syncBoth(layout.queue, layout.dead);
        }
        notifyQueued(messageId);
    }

    @Override
    public boolean delete(String messageId) throws IOException {
        FileJournal message;
        try {
            message = message(messageId);
        } catch (NoSuchFileException e) {
            return false;
        }
        synchronized (message) {
            if (!live(messageId, message)) {
                return false;
            }
            remove(messageId, message, true);
            return true;
        }
    }

    @Override
    public void addQueueListener(Consumer<String> listener) {
        listeners.add(listener);
    }

    @Override
    public SpoolUsage usage() {
        return counters.usage();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (lock != null) {
                lock.release();
            }
            lockChannel.close();
        } catch (IOException e) {
            log.warn("cannot release the spool lock", e);
        }
    }

    /** The group fsync of {@code queue/}: tests count its fsyncs and hold it to form a group. */
    GroupFsync queueSync() {
        return queueSync;
    }

    /** The group fsync of {@code done/}: tests check that completion and pruning do without it. */
    GroupFsync doneSync() {
        return doneSync;
    }

    // ---- internals -------------------------------------------------------------------------

    /**
     * Whether the handle still stands for a message in the spool; called holding its lock. A
     * handle created just as another thread removed the message is dropped here.
     */
    private boolean live(String id, FileJournal message) {
        if (message.isGone()) {
            return false;
        }
        if (Files.exists(SpoolLayout.file(message.dir(), id, SpoolLayout.MESSAGE))) {
            return true;
        }
        message.markGone();
        messages.remove(id, message);
        return false;
    }

    /**
     * Deletes a message, holding its lock: the message file first (from then on it is gone, and a
     * crash leaves only a journal, which recovery deletes), then the journal, then the directory
     * fsync when {@code durable}.
     */
    private void remove(String id, FileJournal message, boolean durable) throws IOException {
        Path dir = message.dir();
        Path file = SpoolLayout.file(dir, id, SpoolLayout.MESSAGE);
        long size = bodyLength(file);
        Files.delete(file);
        message.markGone();
        messages.remove(id, message);
        counters.removed(layout.state(dir), size);
        retention.forget(id);
        Files.deleteIfExists(SpoolLayout.file(dir, id, SpoolLayout.JOURNAL));
        if (durable) {
            syncOf(dir).sync();
        }
    }

    /**
     * Deletes processed messages that fell out of the retention, each under its own lock (an
     * operator may be deleting it too). A failure is logged: the next start prunes it again.
     */
    private void prune(List<String> expired) {
        for (String id : expired) {
            try {
                FileJournal message = message(id);
                synchronized (message) {
                    if (live(id, message) && message.dir().equals(layout.done)) {
                        // an inspection copy: should a crash bring it back, the next start prunes it
                        remove(id, message, false);
                    }
                }
            } catch (NoSuchFileException e) {
                // deleted meanwhile
            } catch (IOException | RuntimeException e) {
                log.warn("cannot prune processed message {}; the next start retries", id, e);
            }
        }
    }

    /** The destination first: once its entries are durable, the message cannot be lost. */
    private void syncBoth(Path to, Path from) throws IOException {
        syncOf(to).sync();
        syncOf(from).sync();
    }

    /** Moves a message's files between states: journal, message file last (the commit mark). */
    private void move(String id, FileJournal message, Path from, Path to) throws IOException {
        List<String> moved = new ArrayList<>(2);
        try {
            for (String suffix : new String[] {SpoolLayout.JOURNAL, SpoolLayout.MESSAGE}) {
                Path source = SpoolLayout.file(from, id, suffix);
                if (suffix.equals(SpoolLayout.JOURNAL) && !Files.exists(source)) {
                    continue;
                }
                Files.move(source, SpoolLayout.file(to, id, suffix), StandardCopyOption.ATOMIC_MOVE);
                moved.add(suffix);
            }
        } catch (IOException e) {
            undo(id, moved, from, to);
            throw e;
        }
        message.relocate(to, syncOf(to));
    }

    /** Puts back what a failed move already moved (best effort; recovery would finish it anyway). */
    private static void undo(String id, List<String> moved, Path from, Path to) {
        for (int i = moved.size() - 1; i >= 0; i--) {
            try {
                Files.move(SpoolLayout.file(to, id, moved.get(i)), SpoolLayout.file(from, id, moved.get(i)),
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                log.error("cannot undo the move of {}{}; recovery will finish it at the next start",
                        id, moved.get(i), e);
            }
        }
    }

    /** The message's journal, which is also its lock; created on first use. */
    private FileJournal message(String id) throws IOException {
        Path dir = require(id);
        return messages.computeIfAbsent(id, k -> new FileJournal(k, dir, syncOf(dir)));
    }

    /** The directory holding a committed message, or NoSuchFileException. */
    private Path require(String id) throws NoSuchFileException {
        return locate(id).orElseThrow(() -> new NoSuchFileException(String.valueOf(id), null,
                "no such message in the spool"));
    }

    private Optional<Path> locate(String id) {
        if (!MessageIds.isValid(id)) {
            return Optional.empty();
        }
        // queue again last: a replay may move it from dead/ to queue/ after queue/ was checked
        for (Path dir : new Path[] {layout.queue, layout.done, layout.dead, layout.queue}) {
            if (Files.exists(SpoolLayout.file(dir, id, SpoolLayout.MESSAGE))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private GroupFsync syncOf(Path dir) {
        return switch (layout.state(dir)) {
            case QUEUED -> queueSync;
            case PROCESSED -> doneSync;
            case DEAD -> deadSync;
        };
    }

    private void notifyQueued(String id) {
        for (Consumer<String> listener : listeners) {
            try {
                listener.accept(id);
            } catch (RuntimeException e) {
                log.error("queue listener failed for {}", id, e);
            }
        }
    }

    private static DeadLetter parseDeadLetter(String id, String recorded) {
        if (recorded != null) {
            int space = recorded.indexOf(' ');
            try {
                Instant at = Instant.parse(space < 0 ? recorded : recorded.substring(0, space));
                return new DeadLetter(id, space < 0 ? "" : recorded.substring(space + 1), at);
            } catch (DateTimeParseException e) {
                return new DeadLetter(id, recorded, MessageIds.timestamp(id));
            }
        }
        return new DeadLetter(id, "unknown (no reason recorded)", MessageIds.timestamp(id));
    }

    private FileLock lockSpool() throws IOException {
        try {
            FileLock l = lockChannel.tryLock();
            if (l == null) {
                throw new IOException("spool " + layout.root + " is in use by another process");
            }
            return l;
        } catch (OverlappingFileLockException e) {
            lockChannel.close();
            throw new IOException("spool " + layout.root + " is already open in this process", e);
        } catch (IOException e) {
            lockChannel.close();
            throw e;
        }
    }

    /** The message bytes of a message file (what the counters hold), from its footer. */
    private static long bodyLength(Path file) throws IOException {
        return MessageFile.footer(file).bodyLength();
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("cannot delete {}", p, e);
        }
    }
}
