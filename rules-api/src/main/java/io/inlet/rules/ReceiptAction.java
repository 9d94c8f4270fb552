package io.inlet.rules;

import java.util.List;

/**
 * One entry of a rule's {@code Actions} list. SES models it as a union that normally holds one
 * member; an entry that holds several is stored and returned as sent and, at run time, its members
 * run in the model's member order (S3, Bounce, Workmail, Lambda, Stop, AddHeader, SNS, Connect).
 */
public record ReceiptAction(List<ActionSpec> members) {
    public ReceiptAction {
        members = List.copyOf(members);
    }

    public static ReceiptAction of(ActionSpec member) {
        return new ReceiptAction(List.of(member));
    }
}
