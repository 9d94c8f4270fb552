package io.inlet.config.api;

import java.util.Objects;

/**
 * How the Query API server listens and authenticates.
 *
 * @param port              0 picks an ephemeral port (tests)
 * @param legacyAws3Signing accept the pre-2020 {@code X-Amzn-Authorization: AWS3…} signatures
 * @param defaultRegion     the region of AWS3-signed requests, whose signature names no region
 * @param maxBodyBytes      larger request bodies get 413
 */
public record ApiServerSettings(String host, int port, boolean legacyAws3Signing, String defaultRegion,
                                long maxBodyBytes) {

    /** Above SES's 10 MB message limit, so a base64 SendRawEmail body still fits. */
    public static final long DEFAULT_MAX_BODY_BYTES = 16L * 1024 * 1024;

    public ApiServerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(defaultRegion, "defaultRegion");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
    }

    public static ApiServerSettings defaults(String host, int port, String defaultRegion) {
        return new ApiServerSettings(host, port, false, defaultRegion, DEFAULT_MAX_BODY_BYTES);
    }
}
