package io.inlet.actions.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads one plugin's {@code actions.*} settings: each key's text (or its default) and the value
 * forms the plugins share (one of an enum, true/false, http(s) URLs, sizes, durations, comma lists
 * of {@code NAME=VALUE}). Every bad value is an {@link IllegalArgumentException} worded
 * {@code KEY: 'VALUE' WHY}, so the daemon refuses to start and names the key. What only one plugin
 * accepts (region names, ARNs, mailbox servers) stays in that plugin's settings class.
 */
public final class PluginSettings {

    private static final String NOT_AN_HTTP_URL = "must be an http:// or https:// URL with a host";
    private static final Pattern SHORT_DURATION = Pattern.compile("([0-9]+)(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("([0-9]+)\\s*(B|KB|MB)?");

    private final Map<String, String> settings;
    private final Map<String, String> defaults;

    /**
     * @param settings what the daemon passed (it may leave keys out)
     * @param defaults the plugin's declared defaults, one for each key it reads
     */
    public PluginSettings(Map<String, String> settings, Map<String, String> defaults) {
        this.settings = settings;
        this.defaults = defaults;
    }

    /** The value without surrounding blanks; a key the daemon did not pass (e.g. a test environment) reads as its default. */
    public String text(String key) {
        String v = settings.get(key);
        return (v == null ? defaults.get(key) : v).trim();
    }

    /** A constant of {@code type}, written as its name in lower case (backends, fallbacks). */
    public <E extends Enum<E>> E oneOf(String key, Class<E> type) {
        String v = text(key);
        E[] constants = type.getEnumConstants();
        for (E constant : constants) {
            if (lowerCase(constant).equals(v)) {
                return constant;
            }
        }
        String names = Arrays.stream(constants).map(PluginSettings::lowerCase).collect(Collectors.joining(", "));
        throw invalid(key, v, "must be one of " + names);
    }

    /** Exactly {@code true} or {@code false}. */
    public boolean trueOrFalse(String key) {
        String v = text(key);
        return switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, v, "must be true or false");
        };
    }

    /** An http(s) URL with a host, or empty; {@code emptyMeans} ends the error message (e.g. "or empty for AWS"). */
    public Optional<URI> httpUrlOrEmpty(String key, String emptyMeans) {
        String v = text(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(httpUrl(v).orElseThrow(() -> invalid(key, v, NOT_AN_HTTP_URL + ", " + emptyMeans)));
    }

    /** Bytes, or a number with KB or MB (powers of 1024), like the daemon's own size keys; at least 1. */
    public long size(String key) {
        String v = text(key);
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
        throw invalid(key, v, "must be a size of at least 1 byte (e.g. 153600, 150KB)");
    }

    /**
     * A positive duration: ISO-8601 ({@code PT10S}, {@code P3D}) or the daemon's short form
     * ({@code 500ms}, {@code 10s}, {@code 10m}, {@code 1h}, {@code 3d}).
     */
    public Duration duration(String key) {
        String v = text(key);
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
            throw invalid(key, v, "must be a positive duration (e.g. PT10S, P3D, 500ms, 10m)");
        }
        return d;
    }

    /** A positive ISO-8601 duration only ({@code PT30S}); no short forms. */
    public Duration isoDuration(String key) {
        String v = text(key);
        try {
            Duration d = Duration.parse(v);
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw invalid(key, v, "must be a positive ISO-8601 duration such as PT30S");
    }

    /** An absolute http(s) URL with a host; otherwise {@code key: 'v' must be an http:// or https:// URL with a host}. */
    public static URI requireHttpUrl(String key, String v) {
        return httpUrl(v).orElseThrow(() -> invalid(key, v, NOT_AN_HTTP_URL));
    }

    /** {@code v} as an absolute http(s) URL with a host; empty when it is not one (the caller words the error). */
    public static Optional<URI> httpUrl(String v) {
        try {
            URI uri = new URI(v);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // not a URL at all: the caller reports it with the key
        }
        return Optional.empty();
    }

    /**
     * The items of a flat comma-separated list, trimmed, empty ones dropped. A YAML list in the
     * configuration arrives joined with commas, so it reads the same.
     */
    public static List<String> commaList(String v) {
        List<String> items = new ArrayList<>();
        for (String item : v.split(",")) {
            String trimmed = item.trim();
            if (!trimmed.isEmpty()) {
                items.add(trimmed);
            }
        }
        return items;
    }

    /** One {@code NAME=VALUE} list item, both sides trimmed. */
    public record NameValue(String name, String value) {
    }

    /**
     * An item split at its first {@code '='} (names such as ARNs never hold one, URLs may); empty
     * when it has none, which each plugin reports in its own words.
     */
    public static Optional<NameValue> splitAtEquals(String item) {
        int eq = item.indexOf('=');
        if (eq < 0) {
            return Optional.empty();
        }
        return Optional.of(new NameValue(item.substring(0, eq).trim(), item.substring(eq + 1).trim()));
    }

    /** The error for a bad value: {@code KEY: 'VALUE' WHY}. */
    public static IllegalArgumentException invalid(String key, String value, String why) {
        return new IllegalArgumentException(key + ": '" + value + "' " + why);
    }

    private static String lowerCase(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }
}
