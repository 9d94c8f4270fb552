package io.inlet.engine.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The spool's directories and file names. The directory a message's files are in is its state
 * (Postfix-style), so a state change is a rename and survives a crash as a whole:
 * <ul>
 *   <li>{@code incoming/} — being received; whatever is there at start is debris of a crash;</li>
 *   <li>{@code queue/} — committed, waiting for or under processing;</li>
 *   <li>{@code done/} — processing completed every action; the newest ones are kept for
 *       inspection, older ones pruned ({@link ProcessedRetention});</li>
 *   <li>{@code dead/} — processing gave up, kept for an operator (replay or delete).</li>
 * </ul>
 * A message is {@code <id>.msg} (the bytes as received, then its
 * {@link io.inlet.engine.message.AcceptedMessage}, then a footer: {@link MessageFile}) and
 * {@code <id>.journal} (created empty at commit; messages queued by older versions get it with the
 * first record). The message file is the commit mark: it arrives in a directory after the journal
 * and leaves it first. Earlier versions wrote {@code <id>.eml} (body) and {@code <id>.json}
 * (metadata) instead; recovery converts those ({@link LegacyMessages}).
 */
final class SpoolLayout {

    static final String MESSAGE = ".msg";
    /** The body of the layout before one file per message (read only by {@link LegacyMessages}). */
    static final String LEGACY_BODY = ".eml";
    /** Its metadata, the commit mark of that layout. */
    static final String LEGACY_METADATA = ".json";
    static final String JOURNAL = ".journal";
    static final String LOCK_FILE = "spool.lock";

    final Path root;
    final Path incoming;
    final Path queue;
    final Path done;
    final Path dead;

    SpoolLayout(Path root) {
        this.root = root;
        this.incoming = root.resolve("incoming");
        this.queue = root.resolve("queue");
        this.done = root.resolve("done");
        this.dead = root.resolve("dead");
    }

    void createDirectories() throws IOException {
        Files.createDirectories(incoming);
        Files.createDirectories(queue);
        Files.createDirectories(done);
        Files.createDirectories(dead);
    }

    /** The directory of a state. */
    Path dir(SpoolState state) {
        return switch (state) {
            case QUEUED -> queue;
            case PROCESSED -> done;
            case DEAD -> dead;
        };
    }

    /** The state a committed message's directory stands for. */
    SpoolState state(Path dir) {
        if (dir.equals(done)) {
            return SpoolState.PROCESSED;
        }
        return dir.equals(dead) ? SpoolState.DEAD : SpoolState.QUEUED;
    }

    static Path file(Path dir, String id, String suffix) {
        return dir.resolve(id + suffix);
    }

    /** IDs that have a message file in {@code dir}, sorted (IDs sort by acceptance time). */
    static List<String> committedIds(Path dir) {
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + MESSAGE)) {
            for (Path f : files) {
                String id = idOf(f.getFileName().toString(), MESSAGE);
                if (id != null) {
                    ids.add(id);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        ids.sort(null);
        return ids;
    }

    /** The message ID of a spool file name with that suffix, or null when it is not one. */
    static String idOf(String fileName, String suffix) {
        if (!fileName.endsWith(suffix)) {
            return null;
        }
        String id = fileName.substring(0, fileName.length() - suffix.length());
        return MessageIds.isValid(id) ? id : null;
    }
}
