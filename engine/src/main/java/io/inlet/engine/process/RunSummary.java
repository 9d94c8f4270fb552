package io.inlet.engine.process;

import io.inlet.rules.spi.ActionOutcome;

import java.util.ArrayList;
import java.util.List;

/** What one walk of a message's plans did, rule by rule, for the one-line log of the message. */
final class RunSummary {

    private final List<String> rules = new ArrayList<>();
    private final List<List<String>> actions = new ArrayList<>();

    void rule(String accountId, String ruleSetName, String ruleName) {
        rules.add(accountId + "/" + ruleSetName + "/" + ruleName);
        actions.add(new ArrayList<>());
    }

    /** @param fromJournal the member completed in an earlier run and was not run again */
    void action(String type, ActionOutcome outcome, long millis, boolean fromJournal) {
        actions.get(actions.size() - 1)
                .add(type + ":" + outcome + (fromJournal ? " (journal)" : " " + millis + "ms"));
    }

    @Override
    public String toString() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            out.add(rules.get(i) + "→[" + String.join(", ", actions.get(i)) + "]");
        }
        return String.join("; ", out);
    }
}
