package io.inlet.engine.inspect;

import io.inlet.rules.TlsPolicy;

import java.util.List;

/**
 * One rule that applied to the message, as captured at acceptance.
 *
 * @param index             its position in the rule set
 * @param recipients        the rule's configured recipients
 * @param matchedRecipients the message's recipients it matched (SES's {@code receipt.recipients})
 * @param actions           its action members in run order
 */
public record RuleView(int index, String name, boolean enabled, TlsPolicy tlsPolicy, boolean scanEnabled,
                       List<String> recipients, List<String> matchedRecipients, List<ActionView> actions) {
    public RuleView {
        recipients = List.copyOf(recipients);
        matchedRecipients = List.copyOf(matchedRecipients);
        actions = List.copyOf(actions);
    }
}
