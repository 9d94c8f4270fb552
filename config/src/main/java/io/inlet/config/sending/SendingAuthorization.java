package io.inlet.config.sending;

import io.inlet.config.VerifiedIdentities;
import io.inlet.config.api.SesException;
import io.inlet.config.identity.policies.IdentityPolicies;
import io.inlet.config.identity.policies.PolicyEvaluator;
import io.inlet.config.identity.policies.SendingRequest;
import io.inlet.config.store.Scope;
import io.inlet.config.store.Store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the caller may send as the addresses of a message (Source, From, Return-Path): each
 * must be verified in the caller's account and region, or, with an identity ARN of another
 * account (SourceArn, FromArn, ReturnPathArn), be covered by that verified identity whose
 * sending authorization policies allow the caller.
 */
final class SendingAuthorization {
    private static final Pattern ARN = Pattern.compile("arn:(aws|aws-cn|aws-us-gov):ses:([^:]+):([0-9]{12}):identity/(.+)");

    /** One address the message uses, with the identity ARN given for it (null when none). */
    record Use(MailAddress address, String identityArn) {
    }

    private final Store store;
    private final VerifiedIdentities verified;

    SendingAuthorization(Store store, VerifiedIdentities verified) {
        this.store = store;
        this.verified = verified;
    }

    /**
     * Throws MessageRejected when a use is not allowed. Unverified addresses of the caller's own
     * account are listed in one message, as SES does ("Email address is not verified. The
     * following identities failed the check in region US-EAST-1: ...").
     */
    /** Returns the scope whose identity the first use (the Source) sends as: its DKIM and MAIL FROM apply. */
    Scope check(Scope caller, String action, List<Use> uses, List<String> recipients) {
        List<String> failed = new ArrayList<>();
        for (Use use : uses) {
            if (use.identityArn() != null && !ownArn(caller, use.identityArn())) {
                checkDelegated(caller, action, use, recipients);
            } else if (!verified.isVerified(caller, use.address().address())
                    && !failed.contains(use.address().asGiven())) {
                failed.add(use.address().asGiven());
            }
        }
        if (!failed.isEmpty()) {
            throw SendingLimits.rejected("Email address is not verified. The following identities failed the check in region "
                    + caller.region().toUpperCase(Locale.ROOT) + ": " + String.join(", ", failed));
        }
        return owner(caller, uses.get(0).identityArn());
    }

    private static Scope owner(Scope caller, String identityArn) {
        if (identityArn == null) {
            return caller;
        }
        Matcher m = ARN.matcher(identityArn);
        return m.matches() ? new Scope(m.group(3), m.group(2)) : caller;
    }

    private static boolean ownArn(Scope caller, String arn) {
        Matcher m = ARN.matcher(arn);
        return m.matches() && m.group(2).equals(caller.region()) && m.group(3).equals(caller.accountId());
    }

    private void checkDelegated(Scope caller, String action, Use use, List<String> recipients) {
        Matcher m = ARN.matcher(use.identityArn());
        if (!m.matches()) {
            throw SesException.invalidParameter("Invalid identity ARN: " + use.identityArn());
        }
        Scope owner = new Scope(m.group(3), m.group(2));
        String identity = m.group(4).toLowerCase(Locale.ROOT).contains("@")
                ? m.group(4) : m.group(4).toLowerCase(Locale.ROOT);
        String address = use.address().address();
        boolean covered = address.equalsIgnoreCase(identity) || address.endsWith("@" + identity)
                || address.endsWith("." + identity);
        if (!covered || !owner.region().equals(caller.region()) || !verified.isVerified(owner, identity)) {
            throw notAuthorized(caller, use);
        }
        Map<String, String> policies = store.read(tx -> IdentityPolicies.of(tx, owner, identity));
        SendingRequest request = new SendingRequest(caller.accountId(), null, action, use.identityArn(),
                Map.of("ses:FromAddress", List.of(address), "ses:Recipients", recipients));
        if (!PolicyEvaluator.allows(policies.values(), request)) {
            throw notAuthorized(caller, use);
        }
    }

    private static SesException notAuthorized(Scope caller, Use use) {
        return SendingLimits.rejected("User 'arn:aws:iam::" + caller.accountId() + ":root' is not authorized to use "
                + use.identityArn() + " to send as " + use.address().address() + ".");
    }
}
