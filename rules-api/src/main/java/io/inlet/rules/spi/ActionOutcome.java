package io.inlet.rules.spi;

/**
 * What happens after an action ran: the SES Lambda dispositions, shared by every action type.
 * CONTINUE runs the next action; STOP_RULE skips the rest of this rule; STOP_RULE_SET ends
 * evaluation for the whole message.
 */
public enum ActionOutcome {
    CONTINUE,
    STOP_RULE,
    STOP_RULE_SET
}
