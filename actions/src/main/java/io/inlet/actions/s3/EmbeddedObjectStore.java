package io.inlet.actions.s3;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.actions.validation.BucketNames;
import io.inlet.rules.spi.MessageContent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Map;

/**
 * The zero-setup S3: {@code <root>/<bucket>/<key>}, a bucket is a directory. An object appears
 * whole or not at all (temp file in the target directory, fsync, atomic rename, directory fsync),
 * so a crash never leaves a half-written message under its key.
 *
 * <p>User metadata (the {@code x-amz-*} decryption metadata of {@code KmsKeyArn} objects) is kept
 * as a JSON object in a sidecar file at the same key in a mirror tree,
 * {@code <root>/.metadata/<bucket>/<key>}: no bucket can be named {@code .metadata}, and the mirror
 * has the object tree's shape, so a sidecar can never collide with an object or another sidecar.
 * The sidecar is written before the object, so whoever sees a new object finds its metadata.
 */
public final class EmbeddedObjectStore implements ObjectStore {

    /** The mirror tree of sidecar metadata files, under the store's root. */
    public static final String METADATA_DIRECTORY = ".metadata";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    private EmbeddedObjectStore(Path root) {
        this.root = root;
    }

    /** Opens the store at {@code root}, creating it and the listed buckets when missing. */
    public static EmbeddedObjectStore open(Path root, Collection<String> buckets) throws IOException {
        Files.createDirectories(root);
        for (String bucket : buckets) {
            Path directory = root.resolve(bucket);
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory);
                fsyncDirectory(root);
            }
        }
        return new EmbeddedObjectStore(root);
    }

    @Override
    public void put(String bucket, String key, MessageContent content, Map<String, String> metadata) throws IOException {
        Path bucketDirectory = bucketDirectory(bucket);
        Path target = ObjectPaths.resolve(bucketDirectory, key);
        Path sidecar = ObjectPaths.resolve(root.resolve(METADATA_DIRECTORY).resolve(bucket), key);
        if (!metadata.isEmpty()) {
            replace(root, sidecar, temp -> writeMetadata(metadata, temp));
        }
        replace(bucketDirectory, target, temp -> write(content, temp));
        if (metadata.isEmpty() && Files.deleteIfExists(sidecar)) {
            fsyncDirectory(sidecar.getParent()); // the object was replaced by one without metadata
        }
    }

    private Path bucketDirectory(String bucket) throws NoSuchBucketException {
        // A name S3 would refuse cannot be a bucket; checking it also keeps "../x" out of the path.
        if (!BucketNames.isValid(bucket) || !Files.isDirectory(root.resolve(bucket))) {
            throw new NoSuchBucketException(bucket, null);
        }
        return root.resolve(bucket);
    }

    private interface Writer {
        void write(Path temp) throws IOException;
    }

    /** Writes {@code target} whole or not at all, creating its directories below {@code base}. */
    private static void replace(Path base, Path target, Writer writer) throws IOException {
        Path directory = target.getParent();
        createDirectories(base, directory);
        Path temp = Files.createTempFile(directory, ".inlet-put-", ".tmp");
        try {
            writer.write(temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            fsyncDirectory(directory);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void write(MessageContent content, Path temp) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
             InputStream in = content.open()) {
            OutputStream out = Channels.newOutputStream(channel);
            long written = in.transferTo(out);
            if (written != content.size()) {
                throw new IOException("message is " + written + " bytes, expected " + content.size());
            }
            channel.force(true);
        }
    }

    private static void writeMetadata(Map<String, String> metadata, Path temp) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            Channels.newOutputStream(channel).write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(metadata));
            channel.force(true);
        }
    }

    /** Creates {@code directory} and its missing parents below {@code base} one by one, each made durable in its parent. */
    private static void createDirectories(Path base, Path directory) throws IOException {
        if (directory.equals(base) || Files.isDirectory(directory)) {
            return;
        }
        createDirectories(base, directory.getParent());
        try {
            Files.createDirectory(directory);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(directory)) {
                throw e; // a file of that name: the key collides with an existing object
            }
            return; // a concurrent put created it
        }
        fsyncDirectory(directory.getParent());
    }

    /** Makes a rename or a new entry in {@code directory} survive a crash (Linux honours this). */
    private static void fsyncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
