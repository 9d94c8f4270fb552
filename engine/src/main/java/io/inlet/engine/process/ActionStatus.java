package io.inlet.engine.process;

import io.inlet.rules.spi.ActionOutcome;

import java.time.Instant;

/**
 * One action member of a message, as the journal shows it.
 *
 * @param position  tenant/rule/action/member indices (the journal key)
 * @param outcome   when DONE
 * @param millis    run time of the successful attempt, when DONE
 * @param attempts  attempts so far: of the successful run when DONE, failures when FAILING
 * @param lastError when FAILING
 */
public record ActionStatus(ActionPosition position, String accountId, String ruleSetName, String ruleName,
                           String type, State state, ActionOutcome outcome, Long millis, int attempts,
                           Instant finishedAt, String lastError) {

    public enum State {
        /** Completed; its outcome applied. */
        DONE,
        /** Failed last time; waiting for a retry (or dead-lettered). */
        FAILING,
        /** Not run yet. */
        PENDING,
        /** Will not run: an earlier STOP_RULE / STOP_RULE_SET applied. */
        SKIPPED
    }
}
