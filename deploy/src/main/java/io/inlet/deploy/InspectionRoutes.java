package io.inlet.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.inlet.config.api.JsonRoute;
import io.inlet.config.api.QueryApiServer;
import io.inlet.config.api.SesException;
import io.inlet.engine.inspect.MessageInspector;
import io.inlet.engine.inspect.MessageQuery;
import io.inlet.engine.inspect.RawMessage;
import io.inlet.engine.spool.MessageIds;
import io.inlet.engine.spool.SpoolState;
import io.vertx.core.http.HttpMethod;

import java.util.Locale;
import java.util.Map;

/**
 * The message inspection API (issue 3 item 6) on the SES API port, authenticated like it, under
 * {@code /_inlet/} so it cannot collide with the Query API ({@code /}). Operator-level: it shows
 * every message the engine holds, whichever account's rules received it. Every ID is checked
 * before the spool sees it (400), so no request can name a file of its own choosing.
 */
final class InspectionRoutes {

    static final String PREFIX = "/_inlet";

    private final MessageInspector inspector;
    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    InspectionRoutes(MessageInspector inspector) {
        this.inspector = inspector;
    }

    /** Mounts every route; call before the server starts. */
    void mount(QueryApiServer api) {
        api.mountJson(HttpMethod.GET, PREFIX + "/messages", this::list);
        api.mountJson(HttpMethod.GET, PREFIX + "/messages/:id", this::detail);
        api.mountJson(HttpMethod.GET, PREFIX + "/messages/:id/raw", this::raw);
        api.mountJson(HttpMethod.DELETE, PREFIX + "/messages/:id", this::delete);
        api.mountJson(HttpMethod.GET, PREFIX + "/dead-letters", this::deadLetters);
        api.mountJson(HttpMethod.POST, PREFIX + "/dead-letters/:id/replay", this::replay);
    }

    private JsonRoute.Reply list(JsonRoute.Request request) throws JsonProcessingException {
        MessageQuery query = new MessageQuery(state(request.query().get("state")), request.query().get("recipient"),
                limit(request.query().get("limit")));
        return ok(Map.of("messages", inspector.list(query)));
    }

    private JsonRoute.Reply detail(JsonRoute.Request request) throws Exception {
        String id = id(request);
        return ok(inspector.get(id).orElseThrow(() -> notFound(id)));
    }

    private JsonRoute.Reply raw(JsonRoute.Request request) throws Exception {
        String id = id(request);
        RawMessage raw = inspector.raw(id).orElseThrow(() -> notFound(id));
        // the spool file holds the message's metadata after it: send the message's bytes only
        return JsonRoute.Reply.file(200, "message/rfc822", raw.channel(), raw.size());
    }

    private JsonRoute.Reply delete(JsonRoute.Request request) throws Exception {
        String id = id(request);
        if (!inspector.delete(id)) {
            throw notFound(id);
        }
        return JsonRoute.Reply.empty(204);
    }

    private JsonRoute.Reply deadLetters(JsonRoute.Request request) throws JsonProcessingException {
        return ok(Map.of("deadLetters", inspector.deadLetters(limit(request.query().get("limit")))));
    }

    private JsonRoute.Reply replay(JsonRoute.Request request) throws Exception {
        String id = id(request);
        if (!inspector.replay(id)) {
            throw new SesException(404, "Sender", "MessageNotFound", "No dead-lettered message " + id);
        }
        return JsonRoute.Reply.json(202, json.writeValueAsString(
                Map.of("messageId", id, "state", SpoolState.QUEUED)));
    }

    private JsonRoute.Reply ok(Object body) throws JsonProcessingException {
        return JsonRoute.Reply.json(200, json.writeValueAsString(body));
    }

    private static String id(JsonRoute.Request request) {
        String id = request.pathParams().get("id");
        if (!MessageIds.isValid(id)) {
            throw SesException.invalidParameter("Not a message ID (40 characters 0-9a-v): " + shortened(id));
        }
        return id;
    }

    private static SpoolState state(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return SpoolState.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw SesException.invalidParameter("state must be queued, processed or dead: " + shortened(value));
        }
    }

    private static int limit(String value) {
        if (value == null || value.isEmpty()) {
            return MessageQuery.DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MessageQuery.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw SesException.invalidParameter("limit must be a number from 1 to " + MessageQuery.MAX_LIMIT + ": "
                + shortened(value));
    }

    private static SesException notFound(String id) {
        return new SesException(404, "Sender", "MessageNotFound", "No message " + id);
    }

    /** Caller text echoed in an error: cut short. */
    private static String shortened(String text) {
        return text == null ? "" : text.length() > 64 ? text.substring(0, 64) + "…" : text;
    }
}
