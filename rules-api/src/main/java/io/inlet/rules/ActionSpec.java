package io.inlet.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One action member of a {@link ReceiptAction}, kept in its wire form: the member name
 * ({@code S3Action}, {@code SNSAction}, {@code WorkmailAction}, ... or a plugin's own id) and its
 * parameters by wire name ({@code BucketName}, {@code TopicArn}, ...), in the order received.
 * Each action plugin interprets its own parameters; the control plane stores and returns them as sent.
 */
public record ActionSpec(String type, Map<String, String> parameters) {
    public ActionSpec {
        Objects.requireNonNull(type, "type");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** The parameter's value, or null when absent. */
    public String get(String name) {
        return parameters.get(name);
    }

    public String getOrDefault(String name, String fallback) {
        String v = parameters.get(name);
        return v == null ? fallback : v;
    }
}
