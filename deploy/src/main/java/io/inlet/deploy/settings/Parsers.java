package io.inlet.deploy.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Parsers for setting values; each throws IllegalArgumentException with a short reason. */
final class Parsers {
    private Parsers() {
    }

    static final Function<String, String> TEXT = s -> s;

    static final Function<String, Path> PATH = s -> {
        if (s.isBlank()) {
            throw new IllegalArgumentException("must not be empty");
        }
        return Path.of(s);
    };

    static final Function<String, Integer> PORT = s -> {
        int port = integer(s, "a port number");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("is not a port number (0-65535)");
        }
        return port;
    };

    static final Function<String, Boolean> BOOLEAN = s -> switch (s.toLowerCase(Locale.ROOT)) {
        case "true", "yes", "on" -> true;
        case "false", "no", "off" -> false;
        default -> throw new IllegalArgumentException("is not a boolean (true or false)");
    };

    static final Function<String, List<String>> LIST = s -> s.isBlank()
            ? List.of()
            : Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();

    static final Function<String, Duration> DURATION = s -> {
        try {
            String t = s.trim().toLowerCase(Locale.ROOT);
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            if (t.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            if (t.endsWith("d")) {
                return Duration.ofDays(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.parse(s.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("is not a duration (e.g. 500ms, 5s, 2m, 1h, 5d)");
        }
    };

    /** A byte size: a plain number of bytes, or with a KB/MB/GB suffix (powers of 1024). */
    static final Function<String, Long> SIZE = s -> {
        String t = s.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        for (String[] suffix : new String[][]{{"KB", "1024"}, {"MB", "1048576"}, {"GB", "1073741824"}, {"B", "1"}}) {
            if (t.endsWith(suffix[0])) {
                unit = Long.parseLong(suffix[1]);
                t = t.substring(0, t.length() - suffix[0].length()).trim();
                break;
            }
        }
        try {
            long v = Math.multiplyExact(Long.parseLong(t), unit);
            if (v < 1) {
                throw new IllegalArgumentException("must be at least 1 byte");
            }
            return v;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("is not a size (e.g. 40MB, 10GB, 1048576)");
        }
    };

    static Function<String, Integer> nonNegative(String what) {
        return s -> {
            int v = integer(s, what);
            if (v < 0) {
                throw new IllegalArgumentException("must not be negative");
            }
            return v;
        };
    }

    static Function<String, Integer> positive(String what) {
        return s -> {
            int v = integer(s, what);
            if (v < 1) {
                throw new IllegalArgumentException("must be at least 1");
            }
            return v;
        };
    }

    static Function<String, String> oneOf(String... values) {
        return s -> {
            for (String v : values) {
                if (v.equals(s)) {
                    return v;
                }
            }
            throw new IllegalArgumentException("must be one of " + String.join(", ", values));
        };
    }

    static final Function<String, String> ACCOUNT_ID = s -> {
        if (!s.matches("[0-9]{12}")) {
            throw new IllegalArgumentException("is not a 12-digit account id");
        }
        return s;
    };

    static final Function<String, String> REGION = s -> {
        if (!s.matches("[a-z]{2}(-[a-z]+)+-[0-9]+")) {
            throw new IllegalArgumentException("is not a region name like us-east-1");
        }
        return s;
    };

    private static int integer(String s, String what) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not " + what);
        }
    }
}
