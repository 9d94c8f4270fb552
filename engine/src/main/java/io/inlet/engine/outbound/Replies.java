package io.inlet.engine.outbound;

/** Server replies as stored and logged: one line, bounded. */
final class Replies {

    private static final int MAX = 512;

    private Replies() {
    }

    /** Multi-line replies joined with spaces, control characters dropped, cut at 512 characters. */
    static String oneLine(String reply) {
        if (reply == null) {
            return "";
        }
        String line = reply.replaceAll("[\\r\\n]+", " ").replaceAll("\\p{Cntrl}", "").trim();
        return line.length() > MAX ? line.substring(0, MAX) + "…" : line;
    }

    /** The 3-digit reply code at the start of a reply, or 0. */
    static int code(String reply) {
        if (reply != null && reply.length() >= 3) {
            String digits = reply.substring(0, 3);
            if (digits.chars().allMatch(Character::isDigit)) {
                return Integer.parseInt(digits);
            }
        }
        return 0;
    }
}
