package io.inlet.engine.spool;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Brings the spool directories back to a consistent state at start, after a clean stop or a crash
 * at any point, and counts what they hold. The rules follow from the write order
 * (metadata arrives last and leaves first):
 * <ul>
 *   <li>{@code incoming/} is emptied: nothing there was ever acknowledged with a 250.</li>
 *   <li>A body without metadata is a commit that never completed, or a completion/deletion that
 *       was interrupted: deleted, with its journal.</li>
 *   <li>Metadata and body in different directories is an interrupted move (completion into
 *       {@code done/}, dead-letter or replay), which moves the body first: the move is finished
 *       toward the body's directory.</li>
 *   <li>Metadata without any body cannot be processed; it cannot come from Inlet's own write
 *       order (only from outside interference or disk damage). It is logged in full at ERROR
 *       level, so an operator can tell the sender, and deleted with its journal.</li>
 *   <li>A lone journal is left over from a completion: deleted.</li>
 * </ul>
 * Files whose names are not spool files are left alone (logged).
 */
final class SpoolRecovery {

    private static final Logger log = LoggerFactory.getLogger(SpoolRecovery.class);

    /** @param bytes of the queued and dead messages; @param processedBytes of the processed ones */
    record Result(int queued, int dead, long bytes, int processed, long processedBytes) {
    }

    private final SpoolLayout layout;

    SpoolRecovery(SpoolLayout layout) {
        this.layout = layout;
    }

    Result run() throws IOException {
        int removed = emptyIncoming();
        Map<String, Files3> byId = new HashMap<>();
        scan(layout.queue, byId);
        scan(layout.dead, byId);
        scan(layout.done, byId);
        int[] counts = new int[SpoolState.values().length];
        long[] bytes = new long[counts.length];
        for (String id : new TreeSet<>(byId.keySet())) {
            Path home = settle(id, byId.get(id));
            if (home == null) {
                continue;
            }
            int state = layout.state(home).ordinal();
            counts[state]++;
            bytes[state] += Files.size(SpoolLayout.file(home, id, SpoolLayout.BODY));
        }
        // make the clean-up itself durable before new work lands next to it
        GroupFsync.fsyncDirectory(layout.incoming);
        GroupFsync.fsyncDirectory(layout.queue);
        GroupFsync.fsyncDirectory(layout.dead);
        GroupFsync.fsyncDirectory(layout.done);
        if (removed > 0) {
            log.info("spool recovery: removed {} unfinished receive file(s) from {}", removed, layout.incoming);
        }
        int queued = SpoolState.QUEUED.ordinal();
        int dead = SpoolState.DEAD.ordinal();
        int processed = SpoolState.PROCESSED.ordinal();
        return new Result(counts[queued], counts[dead], bytes[queued] + bytes[dead], counts[processed],
                bytes[processed]);
    }

    /** Where one message's files are, per directory. */
    private static final class Files3 {
        final Map<Path, Set<String>> suffixesByDir = new HashMap<>();

        boolean has(Path dir, String suffix) {
            return suffixesByDir.getOrDefault(dir, Set.of()).contains(suffix);
        }

        Path dirWith(String suffix) {
            for (Map.Entry<Path, Set<String>> e : suffixesByDir.entrySet()) {
                if (e.getValue().contains(suffix)) {
                    return e.getKey();
                }
            }
            return null;
        }
    }

    /** Repairs one message; returns the directory it is now held in, or null when it was removed. */
    private Path settle(String id, Files3 files) throws IOException {
        Path bodyDir = files.dirWith(SpoolLayout.BODY);
        Path metaDir = files.dirWith(SpoolLayout.METADATA);
        if (metaDir == null) {
            log.info("spool recovery: {} has no metadata (commit or completion interrupted); removing it", id);
            deleteAll(id, files);
            return null;
        }
        if (bodyDir == null) {
            Path meta = SpoolLayout.file(metaDir, id, SpoolLayout.METADATA);
            log.error("spool recovery: message {} lost its body; removing its metadata: {}", id,
                    MetadataCodec.describe(meta));
            deleteAll(id, files);
            return null;
        }
        Path journalDir = files.dirWith(SpoolLayout.JOURNAL);
        if (journalDir != null && !files.has(bodyDir, SpoolLayout.JOURNAL)) {
            move(id, SpoolLayout.JOURNAL, journalDir, bodyDir);
        }
        if (!bodyDir.equals(metaDir)) {
            log.warn("spool recovery: finishing the interrupted move of {} from {} to {}", id, metaDir, bodyDir);
            move(id, SpoolLayout.METADATA, metaDir, bodyDir);
        }
        return bodyDir;
    }

    private static void move(String id, String suffix, Path from, Path to) throws IOException {
        Files.move(SpoolLayout.file(from, id, suffix), SpoolLayout.file(to, id, suffix),
                StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteAll(String id, Files3 files) throws IOException {
        for (Map.Entry<Path, Set<String>> e : files.suffixesByDir.entrySet()) {
            // metadata first, as everywhere: a crash now must not leave metadata without its body
            if (e.getValue().contains(SpoolLayout.METADATA)) {
                Files.deleteIfExists(SpoolLayout.file(e.getKey(), id, SpoolLayout.METADATA));
            }
        }
        for (Map.Entry<Path, Set<String>> e : files.suffixesByDir.entrySet()) {
            for (String suffix : e.getValue()) {
                Files.deleteIfExists(SpoolLayout.file(e.getKey(), id, suffix));
            }
        }
    }

    private static void scan(Path dir, Map<String, Files3> byId) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                boolean known = false;
                for (String suffix : new String[] {SpoolLayout.BODY, SpoolLayout.METADATA, SpoolLayout.JOURNAL}) {
                    String id = SpoolLayout.idOf(name, suffix);
                    if (id != null && Files.isRegularFile(p)) {
                        byId.computeIfAbsent(id, k -> new Files3()).suffixesByDir
                                .computeIfAbsent(dir, k -> new HashSet<>()).add(suffix);
                        known = true;
                    }
                }
                if (!known) {
                    log.warn("spool recovery: ignoring {}, not a spool file", p);
                }
            }
        }
    }

    private int emptyIncoming() throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(layout.incoming)) {
            for (Path p : entries) {
                if (Files.isRegularFile(p)) {
                    Files.delete(p);
                    removed++;
                } else {
                    log.warn("spool recovery: ignoring {}, not a spool file", p);
                }
            }
        }
        return removed;
    }
}
