package io.inlet.config.api;

/** The JSON error body of the operator endpoints: {@code {"error":{"code":"…","message":"…"}}}. */
final class JsonErrors {
    private JsonErrors() {
    }

    static String body(String code, String message) {
        return "{\"error\":{\"code\":" + quote(code) + ",\"message\":" + quote(message) + "}}";
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : (s == null ? "" : s).toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
