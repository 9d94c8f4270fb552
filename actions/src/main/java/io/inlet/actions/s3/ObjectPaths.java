package io.inlet.actions.s3;

import java.nio.file.Path;

/**
 * Maps an object key to a file under its bucket directory. {@code /} separates subdirectories.
 * Keys a file tree cannot hold faithfully are refused: {@code .} and {@code ..} segments (they
 * would escape the bucket or alias another key) and empty segments ({@code a//b}, a leading or
 * trailing {@code /}), which would alias {@code a/b} or name a directory.
 */
final class ObjectPaths {

    private ObjectPaths() {
    }

    static Path resolve(Path bucketDirectory, String key) {
        if (key.isEmpty()) {
            throw refused(key, "it is empty");
        }
        Path path = bucketDirectory;
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw refused(key, "it has an empty, '.' or '..' segment");
            }
            path = path.resolve(segment); // InvalidPathException (an IllegalArgumentException) for NUL
        }
        // Belt and braces: whatever the segments, the file stays inside the bucket.
        if (!path.normalize().startsWith(bucketDirectory.normalize())) {
            throw refused(key, "it leaves the bucket");
        }
        return path;
    }

    private static IllegalArgumentException refused(String key, String why) {
        return new IllegalArgumentException("object key '" + key + "' cannot be stored in the embedded S3 store: " + why);
    }
}
