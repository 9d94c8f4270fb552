package io.inlet.engine.process;

/**
 * The keys processing writes to a message's journal. The journal keeps the latest value per key,
 * so counters and the last error are simply re-put.
 */
public final class JournalKeys {

    /** The verdicts, computed once (JSON of {@link io.inlet.engine.verdicts.Verdicts}). */
    public static final String VERDICTS = "verdicts";
    /** The trace and verdict headers Inlet prepends, built once (JSON list of {name, value}). */
    public static final String HEADERS = "headers";
    /** Total failed attempts of the message, as a decimal number. */
    public static final String ATTEMPTS = "attempts";
    /** The latest failure (JSON {@link JournalRecords.ErrorRecord}). */
    public static final String LAST_ERROR = "lastError";
    /** When the message was last dead-lettered (ISO instant); a later run is a replay. */
    public static final String DEAD_LETTERED_AT = "deadLetteredAt";
    /** Start of the current retry budget after a replay (ISO instant); absent: the acceptance time. */
    public static final String BUDGET_FROM = "budgetFrom";

    private static final String ACTION_PREFIX = "action/";

    private JournalKeys() {
    }

    /** {@code action/<tenant>/<rule>/<action>/<member>}: the member completed (JSON {@link JournalRecords.ActionRecord}). */
    public static String action(ActionPosition position) {
        return ACTION_PREFIX + position;
    }

    public static boolean isAction(String key) {
        return key.startsWith(ACTION_PREFIX);
    }
}
