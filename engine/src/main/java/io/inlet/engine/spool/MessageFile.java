package io.inlet.engine.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The format of a spooled message, {@code <id>.msg}: the bytes as received, then the metadata
 * (the JSON of {@link io.inlet.engine.message.AcceptedMessage}), then a fixed 32-byte footer.
 * One file, so one fdatasync makes body and metadata durable together before the 250.
 *
 * <p>Body first: it streams in before the metadata exists, and readers get it as the range
 * {@code [0, bodyLength)} without any offset arithmetic. The footer is written last and is the
 * file's commit mark: {@code bodyLength} (8), {@code metadataLength} (4), CRC-32C of the metadata
 * (4), CRC-32C of these 16 bytes (4), zero (4), magic {@code "INLETMF1"} (8), big-endian. A file is
 * valid only when its size is exactly {@code bodyLength + metadataLength + 32} and both CRCs
 * match. The body has no checksum: it is fdatasync'ed before the file is renamed into
 * {@code queue/}, and checking it would mean reading every message at start.
 */
final class MessageFile {

    static final int FOOTER = 32;
    private static final byte[] MAGIC = "INLETMF1".getBytes(StandardCharsets.US_ASCII);
    // bounds a corrupt footer's claim before anything is allocated for it
    private static final int MAX_METADATA = 64 * 1024 * 1024;

    /** What a valid footer says. */
    record Footer(long bodyLength, int metadataLength, int metadataCrc) {
    }

    /** Not a complete message file (torn, truncated, overwritten or from elsewhere). */
    static final class InvalidException extends IOException {
        InvalidException(Path file, String why) {
            super(file + ": not a complete message file (" + why + ")");
        }
    }

    private MessageFile() {
    }

    /** Appends metadata and footer after the {@code bodyLength} bytes already written; no force. */
    static void writeTrailer(FileChannel channel, long bodyLength, byte[] metadata) throws IOException {
        ByteBuffer trailer = ByteBuffer.allocate(metadata.length + FOOTER);
        trailer.put(metadata);
        trailer.put(footer(bodyLength, metadata.length, crc(metadata, metadata.length)));
        trailer.flip();
        long position = bodyLength;
        while (trailer.hasRemaining()) {
            position += channel.write(trailer, position);
        }
    }

    /** The footer of a file, validated against the file's size (the metadata's CRC is checked on read). */
    static Footer footer(FileChannel channel, Path file) throws IOException {
        long size = channel.size();
        if (size < FOOTER) {
            throw new InvalidException(file, "shorter than a footer");
        }
        ByteBuffer b = ByteBuffer.allocate(FOOTER);
        readFully(channel, b, size - FOOTER, file);
        b.flip();
        byte[] head = new byte[16];
        b.get(head);
        int headCrc = b.getInt();
        b.getInt();
        byte[] magic = new byte[MAGIC.length];
        b.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new InvalidException(file, "no footer");
        }
        if (crc(head, head.length) != headCrc) {
            throw new InvalidException(file, "footer checksum");
        }
        ByteBuffer h = ByteBuffer.wrap(head);
        Footer f = new Footer(h.getLong(), h.getInt(), h.getInt());
        if (f.bodyLength() < 0 || f.metadataLength() < 0 || f.metadataLength() > MAX_METADATA
                || f.bodyLength() + f.metadataLength() + FOOTER != size) {
            throw new InvalidException(file, "lengths do not match the file size " + size);
        }
        return f;
    }

    /** Opens {@code file} and reads its footer. */
    static Footer footer(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return footer(channel, file);
        }
    }

    /** The metadata bytes, checksum verified. */
    static byte[] metadata(FileChannel channel, Footer footer, Path file) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(footer.metadataLength());
        readFully(channel, b, footer.bodyLength(), file);
        byte[] bytes = b.array();
        if (crc(bytes, bytes.length) != footer.metadataCrc()) {
            throw new InvalidException(file, "metadata checksum");
        }
        return bytes;
    }

    /** Opens {@code file} and reads its metadata bytes (footer and checksum verified). */
    static byte[] metadata(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return metadata(channel, footer(channel, file), file);
        }
    }

    private static byte[] footer(long bodyLength, int metadataLength, int metadataCrc) {
        ByteBuffer head = ByteBuffer.allocate(16).putLong(bodyLength).putInt(metadataLength).putInt(metadataCrc);
        return ByteBuffer.allocate(FOOTER).put(head.array()).putInt(crc(head.array(), 16)).putInt(0).put(MAGIC)
                .array();
    }

    private static int crc(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }

    private static void readFully(FileChannel channel, ByteBuffer b, long position, Path file) throws IOException {
        while (b.hasRemaining()) {
            int n = channel.read(b, position);
            if (n < 0) {
                throw new InvalidException(file, "truncated");
            }
            position += n;
        }
    }
}
