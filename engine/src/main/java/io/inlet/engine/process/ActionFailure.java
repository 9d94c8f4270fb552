package io.inlet.engine.process;

/**
 * One action member failed. Permanent failures (no plugin, or a plugin saying retrying cannot
 * help) dead-letter the message at once; the others are retried.
 */
final class ActionFailure extends Exception {

    private final ActionPosition position;
    private final String type;
    private final String rule;
    private final boolean permanent;

    ActionFailure(ActionPosition position, String type, String rule, String message, Throwable cause,
                  boolean permanent) {
        super(message, cause);
        this.position = position;
        this.type = type;
        this.rule = rule;
        this.permanent = permanent;
    }

    ActionPosition position() {
        return position;
    }

    String type() {
        return type;
    }

    String rule() {
        return rule;
    }

    boolean permanent() {
        return permanent;
    }

    /** Names the action and the error, for the dead-letter reason and {@code lastError}. */
    String describe() {
        return type + " (rule '" + rule + "', action " + position + "): " + getMessage();
    }

    /** {@code ExceptionClass: message}, the cause chain's first message when the top one has none. */
    static String errorText(Throwable t) {
        Throwable m = t;
        while (m.getMessage() == null && m.getCause() != null) {
            m = m.getCause();
        }
        String text = m.getMessage() == null ? "" : ": " + m.getMessage();
        return t.getClass().getSimpleName() + text;
    }
}
