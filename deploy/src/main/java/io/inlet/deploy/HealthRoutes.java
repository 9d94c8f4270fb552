package io.inlet.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.config.store.Store;
import io.inlet.config.store.StoreTransaction;
import io.inlet.config.store.postgres.PostgresStore;
import io.inlet.engine.spool.Spool;
import io.inlet.engine.spool.SpoolUsage;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Liveness and readiness in JSON on the API port, not authenticated (for orchestrators and load
 * balancers):
 * <ul>
 *   <li>{@code GET /health/live} — 200 {@code {"status":"UP"}} whenever the process serves HTTP
 *       (answered on the event loop: a blocked event loop fails it);</li>
 *   <li>{@code GET /health/ready} — runs every check and answers 200 when all are UP, 503
 *       otherwise, naming the failing ones:
 *       {@code {"status":"DOWN","failing":["spool"],"checks":{"store":{"status":"UP"},...}}}.</li>
 * </ul>
 * The checks: {@code store} (a read transaction on the embedded store; the change feed's state
 * for the shared PostgreSQL store, see {@link #store}), {@code spool} (a probe
 * file written and deleted in its {@code incoming/} directory, and room below both bounds, as MAIL
 * would need) and {@code smtp} (the listener started and no shutdown begun).
 */
final class HealthRoutes {

    static final String LIVE = "/health/live";
    static final String READY = "/health/ready";
    private static final Logger LOG = LoggerFactory.getLogger(HealthRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One readiness check: details when UP; a {@link Down} (or any exception) when not. */
    @FunctionalInterface
    interface Check {
        Map<String, Object> run() throws Exception;
    }

    /** A check failed with a reason and, optionally, the figures behind it. */
    static final class Down extends Exception {
        final Map<String, Object> details;

        Down(String reason, Map<String, Object> details) {
            super(reason, null, false, false);
            this.details = details;
        }
    }

    private final Map<String, Check> checks;
    /** Each check's last state, so the log tells the changes rather than every probe. */
    private final Map<String, Boolean> lastUp = new ConcurrentHashMap<>();

    /** @param checks by name, in the order they are reported */
    HealthRoutes(Map<String, Check> checks) {
        this.checks = new LinkedHashMap<>(checks);
    }

    /** The daemon's checks: store, spool, smtp. */
    static HealthRoutes of(Store store, Spool spool, Path spoolDir, BooleanSupplier smtpAccepting) {
        Map<String, Check> checks = new LinkedHashMap<>();
        checks.put("store", () -> store(store));
        checks.put("spool", () -> spool(spool, spoolDir));
        checks.put("smtp", () -> {
            if (!smtpAccepting.getAsBoolean()) {
                throw new Down("the SMTP listener is not accepting connections", Map.of());
            }
            return Map.of();
        });
        return new HealthRoutes(checks);
    }

    /**
     * The embedded store answers a read. The shared store reports its change feed instead of
     * reading: while PostgreSQL is unreachable the node stays ready, because SMTP keeps serving
     * from the last snapshot, and says {@code "changes":"reconnecting","degraded":true} (API
     * writes fail meanwhile with InternalFailure).
     */
    private static Map<String, Object> store(Store store) {
        if (!(store instanceof PostgresStore shared)) {
            return Map.of("version", store.read(StoreTransaction::version));
        }
        PostgresStore.FeedStatus feed = shared.changeFeed();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", "postgresql");
        details.put("changes", feed.state());
        details.put("version", feed.version());
        if (!feed.listening()) {
            details.put("degraded", true);
            details.put("since", feed.since().toString());
            if (feed.lastError() != null) {
                details.put("lastError", feed.lastError());
            }
        }
        return details;
    }

    private static Map<String, Object> spool(Spool spool, Path spoolDir) throws Exception {
        Path probe = Files.createTempFile(spoolDir.resolve("incoming"), ".health-", ".probe");
        try {
            Files.write(probe, new byte[] {'\n'});
        } finally {
            Files.deleteIfExists(probe);
        }
        SpoolUsage usage = spool.usage();
        int held = usage.queuedMessages() + usage.deadMessages();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("messages", held);
        details.put("maxMessages", usage.maxMessages());
        details.put("bytes", usage.bytes());
        details.put("maxBytes", usage.maxBytes());
        if (held >= usage.maxMessages()) {
            throw new Down("spool full: " + held + " of " + usage.maxMessages() + " messages held", details);
        }
        if (usage.bytes() >= usage.maxBytes()) {
            throw new Down("spool full: " + usage.bytes() + " of " + usage.maxBytes() + " bytes held", details);
        }
        return details;
    }

    /** Mounts both routes; call before the server starts. */
    void mount(Router router) {
        router.get(LIVE).handler(ctx -> ctx.response().setStatusCode(200)
                .putHeader("Content-Type", "application/json").end("{\"status\":\"UP\"}"));
        router.get(READY).handler(this::ready);
    }

    private void ready(RoutingContext ctx) {
        // the checks block (store transaction, file system): off the event loop
        ctx.vertx().executeBlocking(this::readiness, false).onComplete(done -> {
            if (ctx.response().ended() || ctx.response().closed()) {
                return;
            }
            if (done.failed()) {
                LOG.error("readiness check failed unexpectedly", done.cause());
                ctx.response().setStatusCode(503).putHeader("Content-Type", "application/json")
                        .end("{\"status\":\"DOWN\"}");
                return;
            }
            Readiness readiness = done.result();
            ctx.response().setStatusCode(readiness.up() ? 200 : 503).putHeader("Content-Type", "application/json")
                    .end(readiness.json());
        });
    }

    record Readiness(boolean up, String json) {
    }

    /** Runs every check (each in isolation: one throwing does not hide the others). */
    Readiness readiness() throws JsonProcessingException {
        Map<String, Object> results = new LinkedHashMap<>();
        List<String> failing = new ArrayList<>();
        for (Map.Entry<String, Check> check : checks.entrySet()) {
            Map<String, Object> result = new LinkedHashMap<>();
            try {
                Map<String, Object> details = check.getValue().run();
                result.put("status", "UP");
                result.putAll(details);
            } catch (Down e) {
                result.put("status", "DOWN");
                result.put("error", e.getMessage());
                result.putAll(e.details);
            } catch (Exception | LinkageError e) {
                result.put("status", "DOWN");
                result.put("error", e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            }
            boolean up = "UP".equals(result.get("status"));
            if (!up) {
                failing.add(check.getKey());
            }
            Boolean before = lastUp.put(check.getKey(), up);
            if (!up && !Boolean.FALSE.equals(before)) {
                LOG.warn("readiness: {} is DOWN: {}", check.getKey(), result.get("error"));
            } else if (up && Boolean.FALSE.equals(before)) {
                LOG.info("readiness: {} is UP again", check.getKey());
            }
            results.put(check.getKey(), result);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", failing.isEmpty() ? "UP" : "DOWN");
        if (!failing.isEmpty()) {
            body.put("failing", failing);
        }
        body.put("checks", results);
        return new Readiness(failing.isEmpty(), JSON.writeValueAsString(body));
    }
}
