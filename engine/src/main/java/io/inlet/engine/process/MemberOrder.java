package io.inlet.engine.process;

import io.inlet.rules.ActionSpec;
import io.inlet.rules.ReceiptAction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The run order of the members of one {@code ReceiptAction}: SES's model member order; types it
 * does not know (third-party plugins) after those, in stored order.
 */
final class MemberOrder {

    static final List<String> MODEL_ORDER = List.of("S3Action", "BounceAction", "WorkmailAction",
            "LambdaAction", "StopAction", "AddHeaderAction", "SNSAction", "ConnectAction");

    private MemberOrder() {
    }

    /** Indices into {@code action.members()} in run order (a stable sort keeps stored order among equals). */
    static List<Integer> runOrder(ReceiptAction action) {
        List<ActionSpec> members = action.members();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> rank(members.get(i).type())));
        return order;
    }

    private static int rank(String type) {
        int i = MODEL_ORDER.indexOf(type);
        return i < 0 ? MODEL_ORDER.size() : i;
    }
}
