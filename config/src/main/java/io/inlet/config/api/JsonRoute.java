package io.inlet.config.api;

import io.inlet.config.store.Scope;

import java.util.Map;

/**
 * An operator endpoint mounted beside the Query API (e.g. the message inspection API under
 * {@code /_inlet/}): authenticated exactly like the SES API (SigV4 with the same keys), answering
 * JSON. Errors are signalled with {@link SesException}, rendered as
 * {@code {"error":{"code":…,"message":…}}} with its HTTP status.
 */
@FunctionalInterface
public interface JsonRoute {

    Reply handle(Request request) throws Exception;

    /**
     * @param pathParams the {@code :name} parts of the mounted path
     * @param query      decoded query parameters (first value of each)
     */
    record Request(Scope scope, Map<String, String> pathParams, Map<String, String> query, byte[] body) {
    }

    /** A JSON body (already serialised) or raw bytes with their content type. */
    record Reply(int status, String contentType, byte[] body) {
        public static Reply json(int status, String json) {
            return new Reply(status, "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
