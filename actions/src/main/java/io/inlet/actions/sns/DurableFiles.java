package io.inlet.actions.sns;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Crash-safe file operations for the outbox: a file appears whole or not at all, and a rename or
 * deletion is on disk before the caller goes on. Temporary files start with {@link #TEMP_PREFIX}.
 */
final class DurableFiles {

    static final String TEMP_PREFIX = ".tmp-";

    private DurableFiles() {
    }

    /** Writes {@code bytes} to {@code target} (temp file, fsync, atomic rename); the directory is not synced. */
    static void write(Path target, byte[] bytes) throws IOException {
        Path directory = target.getParent();
        Path temp = Files.createTempFile(directory, TEMP_PREFIX, ".json");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** {@link #write} and then the directory entry made durable. */
    static void writeAndSync(Path target, byte[] bytes) throws IOException {
        write(target, bytes);
        syncDirectory(target.getParent());
    }

    static void deleteAndSync(Path file) throws IOException {
        Files.deleteIfExists(file);
        syncDirectory(file.getParent());
    }

    /** Makes new, renamed or deleted entries of {@code directory} survive a crash (Linux honours this). */
    static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
