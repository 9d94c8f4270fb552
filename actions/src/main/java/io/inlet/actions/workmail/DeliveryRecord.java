package io.inlet.actions.workmail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which recipients of one WorkMail action on one message already got it (a 2xx), so a retry of
 * the action delivers only to the rest. A small text file,
 * {@code <records dir>/<messageId>-<action hash>}: an {@code action} line naming rule and
 * organization, then one {@code delivered <recipient>} line per recipient, each fsync'ed before
 * the next step. Deleted once the action completed.
 */
final class DeliveryRecord {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");
    private static final String DELIVERED = "delivered ";

    private final Path file;
    private final String description;
    private final Set<String> delivered;

    private DeliveryRecord(Path file, String description, Set<String> delivered) {
        this.file = file;
        this.description = description;
        this.delivered = delivered;
    }

    /**
     * The record of (message, rule, organization): one message can meet several WorkMail actions
     * (other rules, other organizations), each with its own recipients.
     */
    static DeliveryRecord open(Path directory, String messageId, String rule, String organizationArn) throws IOException {
        String description = "action " + rule + " " + organizationArn;
        String hash = sha256Hex(messageId + "\n" + description).substring(0, 16);
        String name = SAFE_ID.matcher(messageId).matches() ? messageId + "-" + hash : hash;
        Path file = directory.resolve(name);
        Set<String> delivered = new LinkedHashSet<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith(DELIVERED)) {
                    delivered.add(line.substring(DELIVERED.length()));
                }
            }
        } catch (NoSuchFileException e) {
            // nothing delivered yet
        }
        return new DeliveryRecord(file, description, delivered);
    }

    boolean isDelivered(String recipient) {
        return delivered.contains(recipient);
    }

    /** Appends the recipient and fsyncs; the file (and its directory entry) is made on the first one. */
    void add(String recipient) throws IOException {
        if (recipient.indexOf('\n') >= 0 || recipient.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a recipient cannot contain a line break: " + recipient.strip());
        }
        boolean created = !Files.exists(file);
        if (created) {
            Files.createDirectories(file.getParent());
        }
        String lines = (created ? description + "\n" : "") + DELIVERED + recipient + "\n";
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            ByteBuffer bytes = ByteBuffer.wrap(lines.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        if (created) {
            try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            }
        }
        delivered.add(recipient);
    }

    void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    Path file() {
        return file;
    }

    /**
     * Deletes records older than {@code cutoff}: those of messages whose action failed for good
     * and were never replayed; a replay after that may deliver again (at-least-once).
     */
    static void prune(Path directory, Instant cutoff) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
