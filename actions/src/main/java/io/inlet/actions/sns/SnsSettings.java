package io.inlet.actions.sns;

import io.inlet.actions.validation.Arns;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code actions.sns.*} settings: which backend publishes topic notifications and how. Parsed
 * once at start; a bad value is an {@link IllegalArgumentException} naming the key, as in
 * {@code S3Settings}. Each key is checked on its own (the daemon checks every key with the others
 * at their defaults), so no rule relates two keys.
 *
 * @param endpoint        aws backend: empty = AWS's own endpoint for the region
 * @param region          aws backend: empty = the region named in each topic ARN
 * @param subscriptions   embedded backend: topic ARN → subscriber URLs, in configuration order
 * @param maxMessageBytes SNSAction: a larger message fails permanently and is bounced (552 5.2.3)
 * @param retryInitial    embedded backend: wait after a subscriber's first failed delivery; doubles per failure
 * @param retryMax        embedded backend: longest wait between two deliveries to one subscriber
 * @param maxAge          embedded backend: a delivery still failing this long after the publish is dead
 */
public record SnsSettings(Backend backend, Optional<URI> endpoint, Optional<String> region,
                          Map<String, List<URI>> subscriptions, long maxMessageBytes,
                          Duration retryInitial, Duration retryMax, Duration maxAge) {

    public static final String BACKEND = "actions.sns.backend";
    public static final String ENDPOINT = "actions.sns.endpoint";
    public static final String REGION = "actions.sns.region";
    /**
     * Comma-separated {@code <topic ARN>=<URL>} entries, one per subscriber (repeat the ARN for a
     * second one); a YAML list of such entries reads the same. A comma inside a URL must be written
     * {@code %2C}.
     */
    public static final String SUBSCRIPTIONS = "actions.sns.subscriptions";
    public static final String MAX_MESSAGE_BYTES = "actions.sns.max-message-bytes";
    public static final String RETRY_INITIAL = "actions.sns.retry-initial";
    public static final String RETRY_MAX = "actions.sns.retry-max";
    public static final String MAX_AGE = "actions.sns.max-age";

    /** SES's SNSAction limit: 150 KB including headers. */
    public static final long SES_SNS_LIMIT = 150 * 1024;

    /** Declared in {@code SNSAction.settingDefaults()}, in the order the README lists them. */
    public static final Map<String, String> DEFAULTS = defaults();

    private static final Pattern REGION_NAME = Pattern.compile("[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}");
    private static final Pattern SHORT_DURATION = Pattern.compile("([0-9]+)(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("([0-9]+)\\s*(B|KB|MB)?");

    public enum Backend { EMBEDDED, AWS }

    public SnsSettings {
        Map<String, List<URI>> copy = new LinkedHashMap<>();
        subscriptions.forEach((topic, urls) -> copy.put(topic, List.copyOf(urls)));
        subscriptions = Collections.unmodifiableMap(copy);
    }

    public static SnsSettings parse(Map<String, String> settings) {
        return new SnsSettings(
                backend(value(settings, BACKEND)),
                endpoint(value(settings, ENDPOINT)),
                region(value(settings, REGION)),
                subscriptions(value(settings, SUBSCRIPTIONS)),
                size(MAX_MESSAGE_BYTES, value(settings, MAX_MESSAGE_BYTES)),
                duration(RETRY_INITIAL, value(settings, RETRY_INITIAL)),
                duration(RETRY_MAX, value(settings, RETRY_MAX)),
                duration(MAX_AGE, value(settings, MAX_AGE)));
    }

    /** The subscriber URLs of {@code topicArn}; empty when none is configured. */
    public List<URI> subscribers(String topicArn) {
        return subscriptions.getOrDefault(topicArn, List.of());
    }

    private static Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(BACKEND, "embedded");
        m.put(ENDPOINT, "");
        m.put(REGION, "");
        m.put(SUBSCRIPTIONS, "");
        m.put(MAX_MESSAGE_BYTES, String.valueOf(SES_SNS_LIMIT));
        m.put(RETRY_INITIAL, "PT10S");
        m.put(RETRY_MAX, "PT10M");
        m.put(MAX_AGE, "P3D");
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

    private static Optional<URI> endpoint(String v) {
        if (v.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(httpUrl(v).orElseThrow(
                () -> bad(ENDPOINT, v, "must be an http:// or https:// URL with a host, or empty for AWS")));
    }

    private static Optional<String> region(String v) {
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (!REGION_NAME.matcher(v).matches()) {
            throw bad(REGION, v, "must be a region name such as us-east-1, or empty for the topic ARN's region");
        }
        return Optional.of(v);
    }

    private static Map<String, List<URI>> subscriptions(String v) {
        Map<String, List<URI>> byTopic = new LinkedHashMap<>();
        for (String item : v.split(",")) {
            String entry = item.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('='); // ARNs hold no '=', URLs may
            String topic = eq < 0 ? entry : entry.substring(0, eq).trim();
            String url = eq < 0 ? "" : entry.substring(eq + 1).trim();
            if (eq < 0 || !Arns.isSnsTopic(topic)) {
                throw bad(SUBSCRIPTIONS, entry, "must be <SNS topic ARN>=<http(s) URL>");
            }
            URI subscriber = httpUrl(url).orElseThrow(
                    () -> bad(SUBSCRIPTIONS, entry, "names no http:// or https:// URL with a host"));
            List<URI> urls = byTopic.computeIfAbsent(topic, t -> new ArrayList<>());
            if (!urls.contains(subscriber)) {
                urls.add(subscriber);
            }
        }
        return byTopic;
    }

    private static Optional<URI> httpUrl(String v) {
        try {
            URI uri = new URI(v);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // the caller reports it with the key
        }
        return Optional.empty();
    }

    /** Bytes, or a number with KB or MB (powers of 1024), like the daemon's own size keys. */
    private static long size(String key, String v) {
        Matcher m = SIZE.matcher(v.toUpperCase(Locale.ROOT));
        if (m.matches()) {
            try {
                long unit = m.group(2) == null || m.group(2).equals("B") ? 1 : m.group(2).equals("KB") ? 1024 : 1024 * 1024;
                long bytes = Math.multiplyExact(Long.parseLong(m.group(1)), unit);
                if (bytes >= 1) {
                    return bytes;
                }
            } catch (NumberFormatException | ArithmeticException e) {
                // reported below
            }
        }
        throw bad(key, v, "must be a size of at least 1 byte (e.g. 153600, 150KB)");
    }

    /** ISO-8601 ({@code PT10S}, {@code P3D}) or the daemon's short form ({@code 500ms}, {@code 10s}, {@code 3d}). */
    private static Duration duration(String key, String v) {
        Duration d = null;
        Matcher m = SHORT_DURATION.matcher(v.toLowerCase(Locale.ROOT));
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                d = Duration.parse(v);
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            // reported below
        }
        if (d == null || d.isNegative() || d.isZero()) {
            throw bad(key, v, "must be a positive duration (e.g. PT10S, P3D, 500ms, 10m)");
        }
        return d;
    }

    private static IllegalArgumentException bad(String key, String value, String why) {
        return new IllegalArgumentException(key + ": '" + value + "' " + why);
    }
}
