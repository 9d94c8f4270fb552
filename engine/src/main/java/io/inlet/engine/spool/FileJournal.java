package io.inlet.engine.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A message's journal: the text file {@code <id>.journal} next to its message file, one line per
 * entry ({@code key TAB value LF}, both escaped so they hold no TAB, CR or LF). {@link #put} and
 * {@link #putAll} write their lines with one write and one fdatasync before returning;
 * {@link #putDeferred} writes without forcing, and the next forced write (or {@link #sync}) covers
 * it, since a force flushes every earlier write of the file. Reading keeps the latest value per key
 * in first-recorded order. A last line without its LF is a write torn by a crash: it is ignored,
 * and cut off before the next append so it cannot glue onto it; a line with NUL bytes (pages of an
 * unforced write that never reached the disk) is ignored too.
 *
 * <p>The spool creates the file empty when it commits the message, together with the message
 * file's entry; a message without one (queued by an older version) gets it with the first write, and its
 * directory entry is then fsync'ed with the first forced write.
 *
 * <p>The spool keeps one instance per message and uses it as the message's lock: moves between
 * states and deletion synchronize on it, so a {@code put} never races a rename.
 */
final class FileJournal implements Journal {

    /** Reserved key: why and when the message was dead-lettered ({@code <instant> <reason>}). */
    static final String DEAD_LETTER = "deadLetter";

    private final String id;
    private Path dir;
    private GroupFsync dirSync;
    private boolean gone;
    /** A deferred line is written but not yet forced to disk. */
    private boolean dataUnsynced;
    /** The file was created by a deferred put: its directory entry is not durable yet. */
    private boolean entryUnsynced;
    private LinkedHashMap<String, String> entries;
    private long validLength;

    FileJournal(String id, Path dir, GroupFsync dirSync) {
        this.id = id;
        this.dir = dir;
        this.dirSync = dirSync;
    }

    @Override
    public synchronized Optional<String> get(String key) {
        return Optional.ofNullable(loaded().get(key));
    }

    @Override
    public synchronized Map<String, String> entries() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(loaded()));
    }

    @Override
    public synchronized void put(String key, String value) throws IOException {
        append(Collections.singletonMap(key, value), true);
    }

    @Override
    public synchronized void putAll(Map<String, String> records) throws IOException {
        append(records, true);
    }

    @Override
    public synchronized void putDeferred(String key, String value) throws IOException {
        append(Collections.singletonMap(key, value), false);
    }

    @Override
    public synchronized void sync() throws IOException {
        if (gone) {
            return; // the message left the spool: there is nothing left to make durable
        }
        if (dataUnsynced) {
            try (FileChannel channel = FileChannel.open(file(), StandardOpenOption.WRITE)) {
                channel.force(false);
            }
            dataUnsynced = false;
        }
        if (entryUnsynced) {
            dirSync.sync();
            entryUnsynced = false;
        }
    }

    /**
     * One write of the lines; when {@code durable}, one fdatasync (the file's size is part of what
     * it flushes; timestamps do not matter) and, for a new file, its directory entry.
     */
    private void append(Map<String, String> records, boolean durable) throws IOException {
        if (gone) {
            throw new NoSuchFileException(file().toString(), null, "message " + id + " left the spool");
        }
        if (records.isEmpty()) {
            return;
        }
        Map<String, String> current = loaded();
        Path file = file();
        boolean create = !Files.exists(file);
        if (create && !Files.exists(SpoolLayout.file(dir, id, SpoolLayout.MESSAGE))) {
            // a stale handle: the message was completed or deleted; do not leave a stray journal
            throw new NoSuchFileException(file.toString(), null, "message " + id + " is not in " + dir);
        }
        ByteBuffer lines = ByteBuffer.wrap(lines(records));
        int length = lines.remaining();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            if (channel.size() > validLength) {
                channel.truncate(validLength);
            }
            channel.position(validLength);
            while (lines.hasRemaining()) {
                channel.write(lines);
            }
            if (durable) {
                channel.force(false);
            }
        }
        entryUnsynced |= create;
        dataUnsynced = !durable;
        if (durable && entryUnsynced) {
            dirSync.sync();
            entryUnsynced = false;
        }
        validLength += length;
        current.putAll(records);
    }

    /** The message's files moved to {@code newDir}. Callers hold this instance's lock. */
    synchronized void relocate(Path newDir, GroupFsync newDirSync) {
        this.dir = newDir;
        this.dirSync = newDirSync;
        entryUnsynced = false; // a move makes the new entries durable itself (or, into done/, on purpose not)
    }

    /** The message left the spool; later puts fail instead of recreating the file. */
    synchronized void markGone() {
        gone = true;
    }

    synchronized Path dir() {
        return dir;
    }

    synchronized boolean isGone() {
        return gone;
    }

    private Path file() {
        return SpoolLayout.file(dir, id, SpoolLayout.JOURNAL);
    }

    private LinkedHashMap<String, String> loaded() {
        if (entries == null) {
            Contents contents = read(file());
            entries = contents.entries;
            validLength = contents.validLength;
        }
        return entries;
    }

    /** The complete lines of a journal file (none when it does not exist). */
    static Contents read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Contents(new LinkedHashMap<>(), 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read journal " + file, e);
        }
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--; // the torn tail of a crashed append
        }
        LinkedHashMap<String, String> entries = new LinkedHashMap<>();
        String text = new String(bytes, 0, end, StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            int tab = line.indexOf('\t');
            // NUL bytes: pages of an unforced append that a crash left unwritten; never a record
            if (tab > 0 && line.indexOf('\0') < 0) {
                entries.put(unescape(line.substring(0, tab)), unescape(line.substring(tab + 1)));
            }
        }
        return new Contents(entries, end);
    }

    record Contents(LinkedHashMap<String, String> entries, long validLength) {
    }

    private static byte[] lines(Map<String, String> records) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : records.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (key == null || key.isEmpty() || value == null) {
                throw new IllegalArgumentException("journal key must be non-empty and value non-null");
            }
            out.append(escape(key)).append('\t').append(escape(value)).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                out.append(c);
                continue;
            }
            char next = s.charAt(++i);
            switch (next) {
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                default -> out.append(next);
            }
        }
        return out.toString();
    }
}
