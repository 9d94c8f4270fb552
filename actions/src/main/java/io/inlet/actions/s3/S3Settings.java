package io.inlet.actions.s3;

import io.inlet.actions.validation.BucketNames;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code actions.s3.*} settings, parsed once at start. A bad value is an
 * {@link IllegalArgumentException} naming the key, so the daemon refuses to start.
 *
 * @param endpoint    empty = AWS's own endpoint for the region
 * @param buckets     buckets the embedded store creates at start (the aws backend never creates buckets)
 * @param kmsEndpoint the KMS API for {@code KmsKeyArn} encryption; empty = AWS KMS in the key's
 *                    (or {@code kmsRegion}'s) region, with the aws backend only
 * @param kmsRegion   the region KMS requests are signed for; empty = the region in the key ARN
 */
public record S3Settings(Backend backend, Optional<URI> endpoint, String region, boolean pathStyle, List<String> buckets,
                         Optional<URI> kmsEndpoint, Optional<String> kmsRegion) {

    public static final String BACKEND = "actions.s3.backend";
    public static final String ENDPOINT = "actions.s3.endpoint";
    public static final String REGION = "actions.s3.region";
    public static final String PATH_STYLE = "actions.s3.path-style";
    public static final String BUCKETS = "actions.s3.buckets";
    public static final String KMS_ENDPOINT = "actions.s3.kms-endpoint";
    public static final String KMS_REGION = "actions.s3.kms-region";

    /** Declared in {@code S3Action.settingDefaults()}, in the order the README lists them. */
    public static final Map<String, String> DEFAULTS = defaults();

    // Region names of S3-compatible servers vary ("auto", "default"); only refuse what cannot be one.
    private static final Pattern REGION_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    public enum Backend { EMBEDDED, AWS }

    public S3Settings {
        buckets = List.copyOf(buckets);
    }

    /** The settings without KMS (no {@code KmsKeyArn} support unless the backend is aws). */
    public S3Settings(Backend backend, Optional<URI> endpoint, String region, boolean pathStyle, List<String> buckets) {
        this(backend, endpoint, region, pathStyle, buckets, Optional.empty(), Optional.empty());
    }

    /**
     * Whether {@code KmsKeyArn} can be honoured: a KMS endpoint is configured, or the backend is
     * aws (then AWS KMS itself). Otherwise such actions are refused, never stored in the clear.
     */
    public boolean kmsAvailable() {
        return kmsEndpoint.isPresent() || backend == Backend.AWS;
    }

    public static S3Settings parse(Map<String, String> settings) {
        return new S3Settings(
                backend(value(settings, BACKEND)),
                url(ENDPOINT, value(settings, ENDPOINT), "or empty for AWS"),
                region(value(settings, REGION)),
                bool(PATH_STYLE, value(settings, PATH_STYLE)),
                buckets(value(settings, BUCKETS)),
                url(KMS_ENDPOINT, value(settings, KMS_ENDPOINT), "or empty for AWS KMS"),
                kmsRegion(value(settings, KMS_REGION)));
    }

    private static Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(BACKEND, "embedded");
        m.put(ENDPOINT, "");
        m.put(REGION, "us-east-1");
        m.put(PATH_STYLE, "false");
        m.put(BUCKETS, "");
        m.put(KMS_ENDPOINT, "");
        m.put(KMS_REGION, "");
        return Collections.unmodifiableMap(m);
    }

    /** A key the daemon did not pass (e.g. a test environment) reads as its default. */
    private static String value(Map<String, String> settings, String key) {
        String v = settings.get(key);
        return (v == null ? DEFAULTS.get(key) : v).trim();
    }

    private static Backend backend(String v) {
        return switch (v) {
            case "embedded" -> Backend.EMBEDDED;
            case "aws" -> Backend.AWS;
            default -> throw bad(BACKEND, v, "must be one of embedded, aws");
        };
    }

    private static Optional<URI> url(String key, String v, String emptyMeans) {
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(v);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw bad(key, v, "must be an http:// or https:// URL with a host, " + emptyMeans);
    }

    private static String region(String v) {
        if (!REGION_NAME.matcher(v).matches()) {
            throw bad(REGION, v, "must be a region name such as us-east-1");
        }
        return v;
    }

    private static Optional<String> kmsRegion(String v) {
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (!REGION_NAME.matcher(v).matches()) {
            throw bad(KMS_REGION, v, "must be a region name such as us-east-1, or empty for the key ARN's region");
        }
        return Optional.of(v);
    }

    private static boolean bool(String key, String v) {
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(key, v, "must be true or false");
        };
    }

    private static List<String> buckets(String v) {
        List<String> names = new ArrayList<>();
        for (String name : v.split(",")) {
            String bucket = name.trim();
            if (bucket.isEmpty()) {
                continue;
            }
            if (!BucketNames.isValid(bucket)) {
                throw bad(BUCKETS, bucket, "is not a valid S3 bucket name");
            }
            names.add(bucket);
        }
        return names;
    }

    private static IllegalArgumentException bad(String key, String value, String why) {
        return new IllegalArgumentException(key + ": '" + value + "' " + why);
    }
}
