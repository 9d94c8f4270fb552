package io.inlet.actions.sns;

import io.inlet.actions.settings.PluginSettings;
import io.inlet.actions.settings.PluginSettings.NameValue;
import io.inlet.actions.validation.Arns;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static io.inlet.actions.settings.PluginSettings.invalid;

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

    public enum Backend { EMBEDDED, AWS }

    public SnsSettings {
        Map<String, List<URI>> copy = new LinkedHashMap<>();
        subscriptions.forEach((topic, urls) -> copy.put(topic, List.copyOf(urls)));
        subscriptions = Collections.unmodifiableMap(copy);
    }

    public static SnsSettings parse(Map<String, String> settings) {
        PluginSettings s = new PluginSettings(settings, DEFAULTS);
        return new SnsSettings(
                s.oneOf(BACKEND, Backend.class),
                s.httpUrlOrEmpty(ENDPOINT, "or empty for AWS"),
                region(s.text(REGION)),
                subscriptions(s.text(SUBSCRIPTIONS)),
                s.size(MAX_MESSAGE_BYTES),
                s.duration(RETRY_INITIAL),
                s.duration(RETRY_MAX),
                s.duration(MAX_AGE));
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

    private static Optional<String> region(String v) {
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (!REGION_NAME.matcher(v).matches()) {
            throw invalid(REGION, v, "must be a region name such as us-east-1, or empty for the topic ARN's region");
        }
        return Optional.of(v);
    }

    private static Map<String, List<URI>> subscriptions(String v) {
        Map<String, List<URI>> byTopic = new LinkedHashMap<>();
        for (String entry : PluginSettings.commaList(v)) {
            Optional<NameValue> pair = PluginSettings.splitAtEquals(entry);
            if (pair.isEmpty() || !Arns.isSnsTopic(pair.get().name())) {
                throw invalid(SUBSCRIPTIONS, entry, "must be <SNS topic ARN>=<http(s) URL>");
            }
            URI subscriber = PluginSettings.httpUrl(pair.get().value()).orElseThrow(
                    () -> invalid(SUBSCRIPTIONS, entry, "names no http:// or https:// URL with a host"));
            List<URI> urls = byTopic.computeIfAbsent(pair.get().name(), t -> new ArrayList<>());
            if (!urls.contains(subscriber)) {
                urls.add(subscriber);
            }
        }
        return byTopic;
    }
}
