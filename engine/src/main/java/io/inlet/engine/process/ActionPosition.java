package io.inlet.engine.process;

/**
 * Where one action member sits in a message's plans: tenant plan, rule within that plan, action
 * entry within the rule, member within the entry (stored order, not run order). Stable for the
 * life of the message because the plans are captured at acceptance.
 */
public record ActionPosition(int tenant, int rule, int action, int member) {

    /** The journal key recording this member's completion. */
    public String key() {
        return JournalKeys.action(this);
    }

    @Override
    public String toString() {
        return tenant + "/" + rule + "/" + action + "/" + member;
    }
}
