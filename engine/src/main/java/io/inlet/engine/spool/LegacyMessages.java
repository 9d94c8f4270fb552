package io.inlet.engine.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Converts a message of the layout before one file per message ({@code <id>.eml} body +
 * {@code <id>.json} metadata, the {@code .json} being the commit mark) into a {@link MessageFile},
 * so that a spool written by an older version drains after an upgrade and everything after
 * recovery knows only one layout. Used by {@link SpoolRecovery} alone, at start.
 *
 * <p>Crash safety: the new file is built in {@code incoming/} (debris if a crash interrupts),
 * fdatasync'ed, then renamed next to the old pair. Recovery deletes the old pair only after the
 * directory holding the new file was fsync'ed ({@link #deleteOld}), so at every point either the
 * pair or a complete {@code .msg} is durable; a {@code .msg} beside (part of) an old pair is a
 * conversion that was interrupted after the rename, and the pair is the leftover.
 */
final class LegacyMessages {

    private final SpoolLayout layout;

    LegacyMessages(SpoolLayout layout) {
        this.layout = layout;
    }

    /** Writes {@code dir/<id>.msg} from {@code dir/<id>.eml} and {@code dir/<id>.json}; keeps those. */
    void convert(String id, Path dir) throws IOException {
        Path body = SpoolLayout.file(dir, id, SpoolLayout.LEGACY_BODY);
        byte[] metadata = Files.readAllBytes(SpoolLayout.file(dir, id, SpoolLayout.LEGACY_METADATA));
        Path building = SpoolLayout.file(layout.incoming, id, SpoolLayout.MESSAGE);
        Files.deleteIfExists(building);
        try (FileChannel in = FileChannel.open(body, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(building, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long size = in.size();
            long copied = 0;
            while (copied < size) {
                long n = in.transferTo(copied, size - copied, out);
                if (n <= 0) {
                    throw new IOException(body + " shrank while being converted");
                }
                copied += n;
            }
            MessageFile.writeTrailer(out, size, metadata);
            out.force(false);
        }
        Files.move(building, SpoolLayout.file(dir, id, SpoolLayout.MESSAGE), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes the old files of a converted message: metadata first, as their write order wants. */
    static void deleteOld(String id, Path dir) throws IOException {
        Files.deleteIfExists(SpoolLayout.file(dir, id, SpoolLayout.LEGACY_METADATA));
        Files.deleteIfExists(SpoolLayout.file(dir, id, SpoolLayout.LEGACY_BODY));
    }
}
