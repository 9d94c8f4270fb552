package io.inlet.actions.s3;

import io.inlet.rules.spi.MessageContent;

import java.io.IOException;
import java.util.Map;

/**
 * Where S3Action puts objects: a directory tree in the data dir, or an S3 API endpoint. Writes
 * are whole-object and idempotent (the same key again replaces the object), so the engine may
 * retry freely. Implementations are thread-safe.
 */
public interface ObjectStore extends AutoCloseable {

    /**
     * Stores {@code content} (streamed, never buffered whole) as {@code key} in {@code bucket}.
     *
     * @throws NoSuchBucketException when the bucket does not exist; buckets are never created here
     * @throws IOException           for any other failure, the object then either absent or complete
     */
    default void put(String bucket, String key, MessageContent content) throws IOException {
        put(bucket, key, content, Map.of());
    }

    /**
     * {@link #put(String, String, MessageContent)} with S3 user metadata (names without the
     * {@code x-amz-meta-} prefix, e.g. {@code x-amz-key-v2}); it replaces the object's previous
     * metadata, so an empty map leaves none.
     */
    void put(String bucket, String key, MessageContent content, Map<String, String> metadata) throws IOException;

    @Override
    default void close() {
    }
}
