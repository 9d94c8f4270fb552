package io.inlet.engine.inspect;

import io.inlet.engine.spool.SpoolState;

/**
 * Which messages {@link MessageInspector#list} returns, newest first.
 *
 * @param state     one state, or null for all three
 * @param recipient an envelope recipient, matched exactly but case-insensitively; null for any
 * @param limit     at most this many, 1 to {@value #MAX_LIMIT}
 */
public record MessageQuery(SpoolState state, String recipient, int limit) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public MessageQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ": " + limit);
        }
        if (recipient != null && recipient.isBlank()) {
            recipient = null;
        }
    }

    /** Every message, up to the default limit. */
    public static MessageQuery all() {
        return new MessageQuery(null, null, DEFAULT_LIMIT);
    }
}
