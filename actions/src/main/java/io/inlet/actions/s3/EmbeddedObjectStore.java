package io.inlet.actions.s3;

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

/**
 * The zero-setup S3: {@code <root>/<bucket>/<key>}, a bucket is a directory. An object appears
 * whole or not at all (temp file in the target directory, fsync, atomic rename, directory fsync),
 * so a crash never leaves a half-written message under its key. Object metadata is not kept.
 */
public final class EmbeddedObjectStore implements ObjectStore {

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
    public void put(String bucket, String key, MessageContent content) throws IOException {
        Path bucketDirectory = bucketDirectory(bucket);
        Path target = ObjectPaths.resolve(bucketDirectory, key);
        Path directory = target.getParent();
        createDirectories(bucketDirectory, directory);
        Path temp = Files.createTempFile(directory, ".inlet-put-", ".tmp");
        try {
            write(content, temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            fsyncDirectory(directory);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private Path bucketDirectory(String bucket) throws NoSuchBucketException {
        // A name S3 would refuse cannot be a bucket; checking it also keeps "../x" out of the path.
        if (!BucketNames.isValid(bucket) || !Files.isDirectory(root.resolve(bucket))) {
            throw new NoSuchBucketException(bucket, null);
        }
        return root.resolve(bucket);
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

    /** Creates the key's subdirectories one by one, each made durable in its parent. */
    private static void createDirectories(Path bucketDirectory, Path directory) throws IOException {
        if (directory.equals(bucketDirectory) || Files.isDirectory(directory)) {
            return;
        }
        createDirectories(bucketDirectory, directory.getParent());
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
