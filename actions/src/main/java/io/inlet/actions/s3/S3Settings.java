package io.inlet.actions.s3;

import io.inlet.actions.settings.PluginSettings;
import io.inlet.actions.validation.BucketNames;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static io.inlet.actions.settings.PluginSettings.invalid;

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
        PluginSettings s = new PluginSettings(settings, DEFAULTS);
        return new S3Settings(
                s.oneOf(BACKEND, Backend.class),
                s.httpUrlOrEmpty(ENDPOINT, "or empty for AWS"),
                region(s.text(REGION)),
                s.trueOrFalse(PATH_STYLE),
                buckets(s.text(BUCKETS)),
                s.httpUrlOrEmpty(KMS_ENDPOINT, "or empty for AWS KMS"),
                kmsRegion(s.text(KMS_REGION)));
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

    private static String region(String v) {
        if (!REGION_NAME.matcher(v).matches()) {
            throw invalid(REGION, v, "must be a region name such as us-east-1");
        }
        return v;
    }

    private static Optional<String> kmsRegion(String v) {
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (!REGION_NAME.matcher(v).matches()) {
            throw invalid(KMS_REGION, v, "must be a region name such as us-east-1, or empty for the key ARN's region");
        }
        return Optional.of(v);
    }

    private static List<String> buckets(String v) {
        List<String> names = PluginSettings.commaList(v);
        for (String bucket : names) {
            if (!BucketNames.isValid(bucket)) {
                throw invalid(BUCKETS, bucket, "is not a valid S3 bucket name");
            }
        }
        return names;
    }
}
