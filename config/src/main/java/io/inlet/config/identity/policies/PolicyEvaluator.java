package io.inlet.config.identity.policies;

import io.inlet.config.identity.IdentityReferences;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether an identity's sending authorization policies let another account send with it,
 * by IAM's rules: an explicit Deny in any matching statement wins, else an Allow in any matching
 * statement allows, else it is denied (nothing is allowed by default). A statement matches when
 * its principal, action, resource and all its conditions match. The owner of the identity needs
 * no policy; that check is the caller's.
 */
public final class PolicyEvaluator {
    private static final Pattern ACCOUNT_ROOT = Pattern.compile("arn:[a-z-]+:iam::([0-9]{12}):root");
    private static final Pattern IDENTITY_ARN = Pattern.compile("(arn:[a-z-]+:ses:[^:]*:[^:]*:identity/)(.+)");

    private PolicyEvaluator() {
    }

    /** One policy document, as stored (it passed {@link PolicyGrammar} when it was put). */
    public static boolean allows(String policyJson, SendingRequest request) {
        return allows(List.of(policyJson), request);
    }

    /** All policies of the identity together: a Deny in one overrides an Allow in another. */
    public static boolean allows(Collection<String> policiesJson, SendingRequest request) {
        boolean allowed = false;
        for (String json : policiesJson) {
            for (Statement s : PolicyGrammar.parseStored(json).statements()) {
                if (applies(s, request)) {
                    if (!s.allow()) {
                        return false;
                    }
                    allowed = true;
                }
            }
        }
        return allowed;
    }

    private static boolean applies(Statement s, SendingRequest r) {
        return principalMatches(s, r)
                && s.actions().stream().anyMatch(a -> actionMatches(a, r.action()))
                && s.resources().stream().anyMatch(res -> sameIdentityArn(res, r.resourceArn()))
                && s.conditions().stream().allMatch(c -> c.holds(r.context()));
    }

    private static boolean principalMatches(Statement s, SendingRequest r) {
        if (s.anyone()) {
            return true;
        }
        for (String p : s.awsPrincipals()) {
            if (p.equals(r.principalAccount())) {
                return true;
            }
            Matcher root = ACCOUNT_ROOT.matcher(p);
            if (root.matches() ? root.group(1).equals(r.principalAccount()) : p.equals(r.principalArn())) {
                return true;
            }
        }
        return false;
    }

    /** Action names are case-insensitive in IAM; "*" alone means every action. */
    private static boolean actionMatches(String pattern, String action) {
        return Wildcards.matches(pattern, action, true);
    }

    /** Identity ARNs compare with the identity in its normal form (domains are case-insensitive). */
    private static boolean sameIdentityArn(String policyResource, String requested) {
        return requested != null && normal(policyResource).equals(normal(requested));
    }

    private static String normal(String arn) {
        Matcher m = IDENTITY_ARN.matcher(arn);
        if (!m.matches()) {
            return arn;
        }
        return m.group(1).toLowerCase(Locale.ROOT) + IdentityReferences.normalize(m.group(2));
    }
}
