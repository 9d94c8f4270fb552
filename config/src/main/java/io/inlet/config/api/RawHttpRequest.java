package io.inlet.config.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP request as it arrived, before any decoding: what signatures are computed over. Keeps
 * the verifiers and the dispatcher independent of Vert.x.
 *
 * @param rawPath  the path exactly as on the wire (still percent-encoded)
 * @param rawQuery the query string exactly as on the wire, or null when there is none
 * @param headers  header values by lower-case name, in arrival order
 */
public record RawHttpRequest(String method, String rawPath, String rawQuery,
                             Map<String, List<String>> headers, byte[] body) {

    public RawHttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        Map<String, List<String>> lower = new LinkedHashMap<>();
        headers.forEach((name, values) ->
                lower.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(values));
        lower.replaceAll((name, values) -> List.copyOf(values));
        headers = Map.copyOf(lower);
        body = body == null ? new byte[0] : body;
    }

    /** The first value of a header (name case-insensitive), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public List<String> headerValues(String name) {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    /** The media type without parameters, lower-case, or "" when absent. */
    public String mediaType() {
        String contentType = header("content-type");
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
