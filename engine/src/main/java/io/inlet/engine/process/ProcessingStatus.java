package io.inlet.engine.process;

import io.inlet.engine.verdicts.Header;
import io.inlet.engine.verdicts.Verdicts;

import java.time.Instant;
import java.util.List;

/**
 * Read-only view of what processing did for one message, from its journal (for the inspection API).
 *
 * @param verdicts       null until computed
 * @param inletHeaders   the headers Inlet prepends; empty until built
 * @param actions        every action member of every plan, in run order
 * @param attempts       failed attempts so far (all actions)
 * @param lastError      the latest failure ({@code type (rule, action): error}); null when none
 * @param deadLetteredAt null unless the message was dead-lettered
 */
public record ProcessingStatus(String messageId, Verdicts verdicts, List<Header> inletHeaders,
                               List<ActionStatus> actions, int attempts, String lastError, Instant lastErrorAt,
                               Instant deadLetteredAt) {

    public ProcessingStatus {
        inletHeaders = List.copyOf(inletHeaders);
        actions = List.copyOf(actions);
    }
}
