package io.inlet.engine.spool;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Brings the spool directories back to a consistent state at start, after a clean stop or a crash
 * at any point, and counts what they hold. The rules follow from the write order (the message
 * file arrives in a directory last and leaves it first, see {@link FileSpool}):
 * <ul>
 *   <li>{@code incoming/} is emptied: nothing there was ever acknowledged with a 250, whether or
 *       not its footer was written.</li>
 *   <li>A valid {@code <id>.msg} ({@link MessageFile}) is the message, and its directory is its
 *       state; a journal in another directory is an interrupted move (the journal moves first) and
 *       joins it.</li>
 *   <li>A {@code .msg} whose footer is not valid cannot come from Inlet's write order (it is
 *       fdatasync'ed before its rename), only from disk damage or outside interference: it is
 *       logged at ERROR level and renamed to {@code <id>.msg.damaged} (its journal likewise) for an
 *       operator, never deleted: it may hold an acknowledged message.</li>
 *   <li>A lone journal is left over from a completion or deletion: deleted.</li>
 *   <li>Messages of the older layout ({@code .eml} + {@code .json}) follow that layout's rules
 *       (a body without metadata is an unfinished commit or deletion: deleted; metadata and body
 *       in different directories is an interrupted move, finished toward the body; metadata without
 *       a body is logged in full at ERROR level and deleted), and are then converted to a
 *       {@code .msg} ({@link LegacyMessages}). Old files beside a valid {@code .msg} are the
 *       leftovers of an interrupted conversion: deleted.</li>
 * </ul>
 * Files whose names are not spool files are left alone (logged).
 */
final class SpoolRecovery {

    private static final Logger log = LoggerFactory.getLogger(SpoolRecovery.class);
    private static final String[] SUFFIXES = {SpoolLayout.MESSAGE, SpoolLayout.JOURNAL,
            SpoolLayout.LEGACY_BODY, SpoolLayout.LEGACY_METADATA};
    static final String DAMAGED = ".damaged";

    /** @param bytes of the queued and dead messages; @param processedBytes of the processed ones */
    record Result(int queued, int dead, long bytes, int processed, long processedBytes) {
    }

    private final SpoolLayout layout;
    private final LegacyMessages legacy;
    /** Converted messages whose old files go once the new ones' entries are durable. */
    private final List<Map.Entry<String, Path>> converted = new ArrayList<>();

    SpoolRecovery(SpoolLayout layout) {
        this.layout = layout;
        this.legacy = new LegacyMessages(layout);
    }

    Result run() throws IOException {
        int removed = emptyIncoming();
        Map<String, Found> byId = new HashMap<>();
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
            bytes[state] += MessageFile.footer(SpoolLayout.file(home, id, SpoolLayout.MESSAGE)).bodyLength();
        }
        if (!converted.isEmpty()) {
            syncStateDirectories(); // the new files' entries first, then the old pairs may go
            for (Map.Entry<String, Path> c : converted) {
                LegacyMessages.deleteOld(c.getKey(), c.getValue());
            }
            log.info("spool recovery: converted {} message(s) of the older layout (.eml + .json) to .msg",
                    converted.size());
        }
        // make the clean-up itself durable before new work lands next to it
        GroupFsync.fsyncDirectory(layout.incoming);
        syncStateDirectories();
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
    private static final class Found {
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

        void forget(Path dir, String suffix) {
            suffixesByDir.getOrDefault(dir, new HashSet<>()).remove(suffix);
        }
    }

    /** Repairs one message; returns the directory it is now held in, or null when it was removed. */
    private Path settle(String id, Found files) throws IOException {
        Path home = files.dirWith(SpoolLayout.MESSAGE);
        if (home != null && !valid(id, home)) {
            files.forget(home, SpoolLayout.MESSAGE);
            files.forget(home, SpoolLayout.JOURNAL);
            home = null;
        }
        if (home != null) {
            deleteLegacy(id, files);
        } else {
            home = settleLegacy(id, files);
            if (home == null) {
                return null;
            }
        }
        Path journalDir = files.dirWith(SpoolLayout.JOURNAL);
        if (journalDir != null && !files.has(home, SpoolLayout.JOURNAL)) {
            log.info("spool recovery: finishing the interrupted move of {}'s journal from {} to {}",
                    id, journalDir, home);
            move(id, SpoolLayout.JOURNAL, journalDir, home);
        }
        return home;
    }

    /** A message file's footer is valid; else it is set aside as damaged (see the class comment). */
    private static boolean valid(String id, Path dir) throws IOException {
        Path file = SpoolLayout.file(dir, id, SpoolLayout.MESSAGE);
        try {
            MessageFile.metadata(file);
            return true;
        } catch (MessageFile.InvalidException e) {
            Path aside = dir.resolve(file.getFileName() + DAMAGED);
            log.error("spool recovery: {}; moved to {} for an operator, it is not processed", e.getMessage(), aside);
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Path journal = SpoolLayout.file(dir, id, SpoolLayout.JOURNAL);
            if (Files.exists(journal)) { // its progress goes with it, for the operator
                Files.move(journal, dir.resolve(journal.getFileName() + DAMAGED), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
            return false;
        }
    }

    /**
     * The older layout's rules; converts what they keep. Returns the message's directory, or null
     * when nothing of it is left but possibly a journal.
     */
    private Path settleLegacy(String id, Found files) throws IOException {
        Path bodyDir = files.dirWith(SpoolLayout.LEGACY_BODY);
        Path metaDir = files.dirWith(SpoolLayout.LEGACY_METADATA);
        if (metaDir == null) {
            log.info("spool recovery: {} has no message file (commit or completion interrupted); removing it", id);
            deleteAll(id, files);
            return null;
        }
        if (bodyDir == null) {
            Path meta = SpoolLayout.file(metaDir, id, SpoolLayout.LEGACY_METADATA);
            log.error("spool recovery: message {} lost its body; removing its metadata: {}", id,
                    MetadataCodec.describe(meta));
            deleteAll(id, files);
            return null;
        }
        if (!bodyDir.equals(metaDir)) {
            log.warn("spool recovery: finishing the interrupted move of {} from {} to {}", id, metaDir, bodyDir);
            move(id, SpoolLayout.LEGACY_METADATA, metaDir, bodyDir);
        }
        legacy.convert(id, bodyDir);
        converted.add(Map.entry(id, bodyDir));
        return bodyDir;
    }

    /** Old files beside a valid message file: an interrupted conversion's leftovers. */
    private static void deleteLegacy(String id, Found files) throws IOException {
        for (Map.Entry<Path, Set<String>> e : files.suffixesByDir.entrySet()) {
            if (e.getValue().contains(SpoolLayout.LEGACY_METADATA) || e.getValue().contains(SpoolLayout.LEGACY_BODY)) {
                log.info("spool recovery: removing the old files of {} in {}, converted already", id, e.getKey());
                LegacyMessages.deleteOld(id, e.getKey());
            }
        }
    }

    private static void move(String id, String suffix, Path from, Path to) throws IOException {
        Files.move(SpoolLayout.file(from, id, suffix), SpoolLayout.file(to, id, suffix),
                StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteAll(String id, Found files) throws IOException {
        for (Map.Entry<Path, Set<String>> e : files.suffixesByDir.entrySet()) {
            // the commit mark first, as everywhere: a crash now must not leave it without its body
            if (e.getValue().contains(SpoolLayout.LEGACY_METADATA)) {
                Files.deleteIfExists(SpoolLayout.file(e.getKey(), id, SpoolLayout.LEGACY_METADATA));
            }
        }
        for (Map.Entry<Path, Set<String>> e : files.suffixesByDir.entrySet()) {
            for (String suffix : e.getValue()) {
                Files.deleteIfExists(SpoolLayout.file(e.getKey(), id, suffix));
            }
        }
    }

    private void syncStateDirectories() throws IOException {
        GroupFsync.fsyncDirectory(layout.queue);
        GroupFsync.fsyncDirectory(layout.dead);
        GroupFsync.fsyncDirectory(layout.done);
    }

    private static void scan(Path dir, Map<String, Found> byId) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                boolean known = false;
                for (String suffix : SUFFIXES) {
                    String id = SpoolLayout.idOf(name, suffix);
                    if (id != null && Files.isRegularFile(p)) {
                        byId.computeIfAbsent(id, k -> new Found()).suffixesByDir
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
