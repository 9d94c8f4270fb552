package io.inlet.actions.s3;

import java.io.IOException;

/** The bucket does not exist: strict validation answers "No such bucket", execution fails and is retried. */
public final class NoSuchBucketException extends IOException {

    public NoSuchBucketException(String bucket, Throwable cause) {
        super("No such bucket: " + bucket, cause);
    }
}
