package io.inlet.deploy.cli;

import java.util.List;
import java.util.Locale;

/** The spool states a message can be in, as the inspection API names them. */
final class MessageStates {
    static final List<String> ALL = List.of("queued", "processed", "dead");

    private MessageStates() {
    }

    /** The state in the API's spelling, or null for none; a usage error for anything else. */
    static String parse(String state) {
        if (state == null) {
            return null;
        }
        String s = state.trim().toLowerCase(Locale.ROOT);
        if (!ALL.contains(s)) {
            throw new CliException("--state must be queued, processed or dead: " + state, 2);
        }
        return s;
    }
}
