package io.inlet.engine.verdicts;

import java.time.Duration;
import java.util.Objects;

/**
 * A ClamAV {@code clamd}.
 *
 * @param address         {@code host[:port]} (default port 3310) or a Unix socket path
 * @param timeout         for the whole conversation: connect, send, scan, reply
 * @param maxMessageBytes larger messages are not sent (verdict GRAY); keep it at or below clamd's
 *                        {@code StreamMaxLength}, or clamd refuses them (PROCESSING_FAILED). Scanning
 *                        only the first bytes was rejected: a cut MIME message hides attachments.
 */
public record ClamdSettings(String address, Duration timeout, long maxMessageBytes) {

    public static final int DEFAULT_PORT = 3310;

    public ClamdSettings {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(timeout, "timeout");
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("maxMessageBytes must be positive");
        }
    }

    /** 60 s, 25 MiB (Debian's default clamd.conf StreamMaxLength). */
    public static ClamdSettings at(String address) {
        return new ClamdSettings(address, Duration.ofSeconds(60), 25L * 1024 * 1024);
    }
}
