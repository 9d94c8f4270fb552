package io.inlet.config.store.postgres;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the shared store.
 *
 * @param url           a {@code jdbc:postgresql://host:port/database} URL (parameters such as
 *                      {@code currentSchema} or {@code sslmode} pass through to pgjdbc)
 * @param username      role to log in as; empty = whatever the URL or pgjdbc defaults say
 * @param password      its password; empty = none
 * @param poolSize      pooled connections for API work (the change listener has one more of its own)
 * @param versionCheck  how often the listener compares versions as a safety net for a lost NOTIFY
 */
public record PostgresSettings(String url, String username, String password, int poolSize, Duration versionCheck) {

    public static final String URL_PREFIX = "jdbc:postgresql://";
    public static final Duration DEFAULT_VERSION_CHECK = Duration.ofSeconds(5);

    public PostgresSettings {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith(URL_PREFIX)) {
            throw new IllegalArgumentException("store.url must start with " + URL_PREFIX + ", got: " + url);
        }
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        if (poolSize < 1) {
            throw new IllegalArgumentException("store.pool-size must be at least 1, got " + poolSize);
        }
        if (versionCheck == null || versionCheck.isNegative() || versionCheck.isZero()) {
            throw new IllegalArgumentException("the version check interval must be positive: " + versionCheck);
        }
    }

    public PostgresSettings(String url, String username, String password, int poolSize) {
        this(url, username, password, poolSize, DEFAULT_VERSION_CHECK);
    }

    /** The URL for logs and errors: a password given as a URL parameter is masked. */
    public String redactedUrl() {
        return url.replaceAll("(?i)([?&]password=)[^&]*", "$1***");
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "PostgresSettings[url=" + redactedUrl() + ", username=" + username + ", poolSize=" + poolSize
                + ", versionCheck=" + versionCheck + "]";
    }
}
