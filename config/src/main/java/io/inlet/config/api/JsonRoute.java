package io.inlet.config.api;

import io.inlet.config.store.Scope;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
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

    /**
     * A JSON body (already serialised), raw bytes with their content type, or an open file streamed
     * from its position, {@code fileLength} bytes or to its end (large bodies never pass through the
     * heap; the server closes it).
     *
     * @param file       null unless the body is a file; then {@code body} is ignored
     * @param fileLength how many bytes of {@code file} to send; negative: up to its end
     */
    record Reply(int status, String contentType, byte[] body, FileChannel file, long fileLength) {

        public Reply(int status, String contentType, byte[] body) {
            this(status, contentType, body, null, -1);
        }

        public static Reply json(int status, String json) {
            return new Reply(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        /** No body, e.g. 204 after a deletion. */
        public static Reply empty(int status) {
            return new Reply(status, "application/json", new byte[0]);
        }

        /** Streams {@code file} with zero copy; closed once sent or when the client goes away. */
        public static Reply file(int status, String contentType, FileChannel file) {
            return new Reply(status, contentType, new byte[0], file, -1);
        }

        /** Streams {@code length} bytes of {@code file} from its position (a range of a larger file). */
        public static Reply file(int status, String contentType, FileChannel file, long length) {
            return new Reply(status, contentType, new byte[0], file, length);
        }
    }
}
