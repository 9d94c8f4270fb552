package io.inlet.config.api;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes the Query API parameters of a request: the query string, then (for a form body) the
 * body. A parameter given twice keeps its first value. Any malformed escape rejects the whole
 * request, so nobody acts on half-understood input.
 */
final class RequestParameters {

    private static final String FORM = "application/x-www-form-urlencoded";

    private RequestParameters() {
    }

    static Map<String, String> decode(RawHttpRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        if (request.rawQuery() != null) {
            decodeInto(request.rawQuery().getBytes(StandardCharsets.ISO_8859_1), params);
        }
        if (request.body().length > 0 && isForm(request.mediaType())) {
            decodeInto(request.body(), params);
        }
        return params;
    }

    /** SDKs always send the form type; a body without any Content-Type is read as a form too. */
    private static boolean isForm(String mediaType) {
        return mediaType.isEmpty() || mediaType.equals(FORM);
    }

    static void decodeInto(byte[] bytes, Map<String, String> into) {
        int start = 0;
        while (start <= bytes.length) {
            int end = indexOf(bytes, (byte) '&', start, bytes.length);
            if (end > start) {
                decodePair(bytes, start, end, into);
            }
            start = end + 1;
        }
    }

    private static void decodePair(byte[] bytes, int from, int to, Map<String, String> into) {
        int keyEnd = indexOf(bytes, (byte) '=', from, to);
        try {
            String key = PercentCodec.decode(bytes, from, keyEnd, true);
            String value = keyEnd < to ? PercentCodec.decode(bytes, keyEnd + 1, to, true) : "";
            if (key.isEmpty()) {
                throw new IllegalArgumentException("A parameter has an empty name.");
            }
            into.putIfAbsent(key, value);
        } catch (IllegalArgumentException e) {
            throw CommonErrors.malformedQuery(e.getMessage());
        }
    }

    /** Index of {@code b} in {@code [from, to)}, or {@code to} when absent. */
    private static int indexOf(byte[] bytes, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return to;
    }
}
