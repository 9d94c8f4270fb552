package io.inlet.actions.lambda;

import io.inlet.actions.settings.PluginSettings;
import io.inlet.actions.settings.PluginSettings.NameValue;
import io.inlet.actions.validation.Arns;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static io.inlet.actions.settings.PluginSettings.invalid;

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
        PluginSettings s = new PluginSettings(settings, DEFAULTS);
        return new LambdaSettings(
                s.oneOf(BACKEND, Backend.class),
                functions(s.text(FUNCTIONS)),
                s.httpUrlOrEmpty(ENDPOINT, "or empty for AWS"),
                region(s.text(REGION)),
                s.duration(TIMEOUT));
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

    /**
     * A map in a flat setting: comma-separated {@code FUNCTION=URL} entries (a YAML list of them
     * arrives joined with commas). Split at the first '=': ARNs and names never contain one, URLs may.
     */
    private static Map<String, URI> functions(String v) {
        Map<String, URI> map = new LinkedHashMap<>();
        for (String entry : PluginSettings.commaList(v)) {
            NameValue pair = PluginSettings.splitAtEquals(entry).orElseThrow(() ->
                    invalid(FUNCTIONS, entry, "must be FUNCTION=URL (a function ARN or name, then an http(s) URL)"));
            String function = pair.name();
            if (!Arns.isLambdaFunction(function) && !FUNCTION_NAME.matcher(function).matches()) {
                throw invalid(FUNCTIONS, function, "is neither a Lambda function ARN nor a function name");
            }
            if (map.put(function, PluginSettings.requireHttpUrl(FUNCTIONS, pair.value())) != null) {
                throw invalid(FUNCTIONS, function, "is mapped twice");
            }
        }
        return map;
    }

    private static String region(String v) {
        if (!v.isEmpty() && !REGION_NAME.matcher(v).matches()) {
            throw invalid(REGION, v, "must be a region name such as us-east-1, or empty for the function ARN's region");
        }
        return v;
    }
}
