package io.inlet.config.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code inlet.api.requests{action, code}}: one timer sample per Query API request, from its
 * arrival to the response being written. {@code action} is the SES action when the server
 * implements it and {@code unknown} otherwise (missing, misspelt or invented by the caller, and
 * requests the router refused), so callers cannot grow the tag set; {@code code} is the SES error
 * code of the response (a fixed set in the server's code) or {@code none} on success.
 */
final class ApiMetrics {

    static final String REQUESTS = "inlet.api.requests";
    static final String UNKNOWN = "unknown";
    static final String NO_ERROR = "none";

    private final MeterRegistry registry;
    private final Set<String> actions;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    ApiMetrics(MeterRegistry registry, Set<String> actions) {
        this.registry = registry;
        this.actions = Set.copyOf(actions);
    }

    void request(String action, String errorCode, long nanos) {
        String actionTag = action != null && actions.contains(action) ? action : UNKNOWN;
        String codeTag = errorCode == null ? NO_ERROR : errorCode;
        timers.computeIfAbsent(actionTag + '\u0000' + codeTag, k -> Timer.builder(REQUESTS)
                        .description("SES Query API requests by action and error code")
                        .tag("action", actionTag).tag("code", codeTag).register(registry))
                .record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }
}
