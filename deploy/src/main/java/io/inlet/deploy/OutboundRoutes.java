package io.inlet.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.inlet.config.api.JsonRoute;
import io.inlet.config.api.QueryApiServer;
import io.inlet.config.api.SesException;
import io.inlet.engine.outbound.OutboundEntry;
import io.inlet.engine.outbound.OutboundQueue;
import io.inlet.engine.outbound.OutboundState;
import io.inlet.engine.spool.MessageIds;
import io.vertx.core.http.HttpMethod;

import java.util.Map;

/**
 * The outbound queue inspection API on the SES API port, authenticated like it, beside the message
 * inspection routes under {@code /_inlet/}: list entries (by state), show one, replay a dead one,
 * purge one. Every ID is checked before the queue sees it (400).
 */
final class OutboundRoutes {

    static final String PREFIX = InspectionRoutes.PREFIX + "/outbound";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final OutboundQueue queue;
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    OutboundRoutes(OutboundQueue queue) {
        this.queue = queue;
    }

    /** Mounts every route; call before the server starts. */
    void mount(QueryApiServer api) {
        api.mountJson(HttpMethod.GET, PREFIX, this::list);
        api.mountJson(HttpMethod.GET, PREFIX + "/:id", this::detail);
        api.mountJson(HttpMethod.POST, PREFIX + "/:id/replay", this::replay);
        api.mountJson(HttpMethod.DELETE, PREFIX + "/:id", this::purge);
    }

    private JsonRoute.Reply list(JsonRoute.Request request) throws JsonProcessingException {
        OutboundState state = state(request.query().get("state"));
        return ok(Map.of("entries", queue.list(state, limit(request.query().get("limit")))));
    }

    private JsonRoute.Reply detail(JsonRoute.Request request) throws Exception {
        String id = id(request);
        OutboundEntry entry = queue.get(id).orElseThrow(() -> notFound(id));
        return ok(entry);
    }

    private JsonRoute.Reply replay(JsonRoute.Request request) throws Exception {
        String id = id(request);
        boolean replayed;
        try {
            replayed = queue.replay(id);
        } catch (IllegalStateException e) {
            throw new SesException(409, "Sender", "EntryBusy", e.getMessage());
        }
        if (!replayed) {
            throw new SesException(404, "Sender", "MessageNotFound", "No dead outbound entry " + id);
        }
        return JsonRoute.Reply.json(202, json.writeValueAsString(Map.of("id", id, "state", OutboundState.ACTIVE)));
    }

    private JsonRoute.Reply purge(JsonRoute.Request request) throws Exception {
        String id = id(request);
        boolean purged;
        try {
            purged = queue.purge(id);
        } catch (IllegalStateException e) {
            throw new SesException(409, "Sender", "EntryBusy", e.getMessage());
        }
        if (!purged) {
            throw notFound(id);
        }
        return JsonRoute.Reply.empty(204);
    }

    private JsonRoute.Reply ok(Object body) throws JsonProcessingException {
        return JsonRoute.Reply.json(200, json.writeValueAsString(body));
    }

    private static String id(JsonRoute.Request request) {
        String id = request.pathParams().get("id");
        if (!MessageIds.isValid(id)) {
            throw SesException.invalidParameter("Not an outbound queue ID (40 characters 0-9a-v): " + shortened(id));
        }
        return id;
    }

    private static OutboundState state(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return OutboundState.parse(value);
        } catch (IllegalArgumentException e) {
            throw SesException.invalidParameter("state must be active, deferred or dead: " + shortened(value));
        }
    }

    private static int limit(String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw SesException.invalidParameter("limit must be a number from 1 to " + MAX_LIMIT + ": " + shortened(value));
    }

    private static SesException notFound(String id) {
        return new SesException(404, "Sender", "MessageNotFound", "No outbound entry " + id);
    }

    /** Caller text echoed in an error: cut short. */
    private static String shortened(String text) {
        return text == null ? "" : text.length() > 64 ? text.substring(0, 64) + "…" : text;
    }
}
