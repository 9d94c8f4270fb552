package io.inlet.engine.verdicts;

import java.time.Duration;
import java.util.Objects;

/**
 * A SpamAssassin {@code spamd}.
 *
 * @param address         {@code host[:port]} (default port 783) or a Unix socket path
 * @param timeout         for the whole conversation: connect, send, scan, reply
 * @param maxMessageBytes larger messages are not sent (verdict GRAY), as {@code spamc -s} does;
 *                        SpamAssassin is slow and rarely useful on big messages
 */
public record SpamdSettings(String address, Duration timeout, long maxMessageBytes) {

    public static final int DEFAULT_PORT = 783;

    public SpamdSettings {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(timeout, "timeout");
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("maxMessageBytes must be positive");
        }
    }

    /** 30 s, 1 MiB. */
    public static SpamdSettings at(String address) {
        return new SpamdSettings(address, Duration.ofSeconds(30), 1024 * 1024);
    }
}
