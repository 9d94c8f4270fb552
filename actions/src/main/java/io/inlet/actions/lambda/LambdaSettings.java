package io.inlet.actions.lambda;

import io.inlet.actions.validation.Arns;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code actions.lambda.*} settings, parsed once at start. A bad value is an
 * {@link IllegalArgumentException} naming the key, so the daemon refuses to start.
 *
 * @param functions embedded backend: function ARN, unqualified ARN or bare name → the URL the event is POSTed
 *                  to; a URL wins over a plugin function of the same name
 * @param endpoint  aws backend: empty = AWS's own endpoint for the region
 * @param region    aws backend: empty = the region in each function's ARN
 * @param timeout   how long a RequestResponse invocation (and any HTTP exchange) may take
 */
public record LambdaSettings(Backend backend, Map<String, URI> functions, Optional<URI> endpoint, String region,
                             Duration timeout) {

    public static final String BACKEND = "actions.lambda.backend";
    public static final String FUNCTIONS = "actions.lambda.functions";
    public static final String ENDPOINT = "actions.lambda.endpoint";
    public static final String REGION = "actions.lambda.region";
    public static final String TIMEOUT = "actions.lambda.timeout";

    /** Declared in {@code LambdaAction.settingDefaults()}. */
    public static final Map<String, String> DEFAULTS = defaults();

    private static final Pattern REGION_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    /** The Lambda API's function name limits (the NAME part of a function ARN). */
    private static final Pattern FUNCTION_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public enum Backend { EMBEDDED, AWS }

    public LambdaSettings {
        functions = Collections.unmodifiableMap(new LinkedHashMap<>(functions));
    }

    public static LambdaSettings parse(Map<String, String> settings) {
        return new LambdaSettings(
                backend(value(settings, BACKEND)),
                functions(value(settings, FUNCTIONS)),
                endpoint(value(settings, ENDPOINT)),
                region(value(settings, REGION)),
                timeout(value(settings, TIMEOUT)));
    }

    private static Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(BACKEND, "embedded");
        m.put(FUNCTIONS, "");
        m.put(ENDPOINT, "");
        m.put(REGION, "");
        m.put(TIMEOUT, "PT30S");
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

    /**
     * A map in a flat setting: comma-separated {@code FUNCTION=URL} entries (a YAML list of them
     * arrives joined with commas). Split at the first '=': ARNs and names never contain one, URLs may.
     */
    private static Map<String, URI> functions(String v) {
        Map<String, URI> map = new LinkedHashMap<>();
        for (String item : v.split(",")) {
            String entry = item.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw bad(FUNCTIONS, entry, "must be FUNCTION=URL (a function ARN or name, then an http(s) URL)");
            }
            String function = entry.substring(0, eq).trim();
            String url = entry.substring(eq + 1).trim();
            if (!Arns.isLambdaFunction(function) && !FUNCTION_NAME.matcher(function).matches()) {
                throw bad(FUNCTIONS, function, "is neither a Lambda function ARN nor a function name");
            }
            if (map.put(function, httpUrl(FUNCTIONS, url, "must be an http:// or https:// URL with a host")) != null) {
                throw bad(FUNCTIONS, function, "is mapped twice");
            }
        }
        return map;
    }

    private static Optional<URI> endpoint(String v) {
        if (v.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(httpUrl(ENDPOINT, v, "must be an http:// or https:// URL with a host, or empty for AWS"));
    }

    private static URI httpUrl(String key, String v, String why) {
        try {
            URI uri = new URI(v);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw bad(key, v, why);
    }

    private static String region(String v) {
        if (!v.isEmpty() && !REGION_NAME.matcher(v).matches()) {
            throw bad(REGION, v, "must be a region name such as us-east-1, or empty for the function ARN's region");
        }
        return v;
    }

    private static Duration timeout(String v) {
        try {
            Duration d = Duration.parse(v);
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw bad(TIMEOUT, v, "must be a positive ISO-8601 duration such as PT30S");
    }

    private static IllegalArgumentException bad(String key, String value, String why) {
        return new IllegalArgumentException(key + ": '" + value + "' " + why);
    }
}
