package io.inlet.config.identity;

import io.inlet.config.api.QueryParams;
import io.inlet.config.api.SesException;
import io.inlet.config.api.XmlWriter;
import io.inlet.config.store.IdentityRecord;
import io.inlet.config.store.Scope;
import io.inlet.config.store.Store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the identity-attribute operations in the sub-packages (notifications, policies) share
 * with this package: an {@code Identity} parameter given by name or by ARN, the identity's
 * current record (a Pending domain checked first, as every read does), and the validation and
 * output helpers. Kept as one public door so the helpers themselves can stay package-private.
 */
public final class IdentityReferences {
    /** {@code arn:aws:ses:us-east-1:123456789012:identity/example.com}, as the reference spells identity ARNs. */
    private static final Pattern ARN = Pattern.compile("arn:(aws|aws-cn|aws-us-gov):ses:([^:]*):([^:]*):identity/(.+)");

    private final Store store;
    private final StatusRefresher refresher;

    IdentityReferences(Store store, StatusRefresher refresher) {
        this.store = store;
        this.refresher = refresher;
    }

    /**
     * The normal form of an identity given by name or ARN. Empty for an ARN of another account or
     * region: from this caller's scope that identity does not exist (the owner-only rule). A name
     * that is neither an address nor a domain is the error GetIdentityVerificationAttributes gives.
     */
    public static Optional<String> resolve(Scope scope, String nameOrArn) {
        String name = nameOrArn;
        Matcher arn = ARN.matcher(nameOrArn);
        if (arn.matches()) {
            if (!arn.group(2).equals(scope.region()) || !arn.group(3).equals(scope.accountId())) {
                return Optional.empty();
            }
            name = arn.group(4);
        }
        String raw = name;
        return Optional.of(IdentityNames.identity(raw).orElseThrow(() -> invalidIdentity(nameOrArn)));
    }

    /** The ARN sending authorization policies name an identity by (their Resource). */
    public static String arn(Scope scope, String identity) {
        return "arn:aws:ses:" + scope.region() + ":" + scope.accountId() + ":identity/" + identity;
    }

    public static SesException invalidIdentity(String asGiven) {
        return SesException.invalidParameter(
                "Identity \"" + asGiven + "\" is invalid. Must be a verified email address or domain.");
    }

    /** LocalStack's AWS-validated text for an identity a setter cannot use (peers.md §B.2, G-NT-06). */
    public static SesException notVerified(String asGiven) {
        return SesException.sender("MessageRejected", "Identity " + asGiven + " is not verified or does not exist.");
    }

    /** A required member; absent fails as Smithy's "Value null at 'path'" ValidationError. */
    public static String required(QueryParams params, String name, String path) {
        return Violations.required(params, name, path);
    }

    /** Smithy's "Value null at 'path'" ValidationError for a missing required member. */
    public static SesException missing(String path) {
        return Violations.missing(path);
    }

    /** The normal form of a syntactically valid identity (domain lower-cased, local part kept). */
    public static String normalize(String identity) {
        return IdentityNames.normalize(identity);
    }

    /** The violations as one ValidationError ("N validation error(s) detected: a; b"); nothing when empty. */
    public static void throwIfAny(List<String> violations) {
        Violations v = new Violations();
        violations.forEach(v::add);
        v.throwIfAny();
    }

    /** A list written even when empty, as SES writes required lists. */
    public static void list(XmlWriter out, String name, Collection<String> values) {
        Xml.list(out, name, values);
    }

    /** The identity's record after a Pending domain got its DNS check; empty when unknown. */
    public Optional<IdentityRecord> current(Scope scope, String identity) {
        Optional<IdentityRecord> stored = store.read(tx -> tx.identity(scope, identity));
        if (stored.isEmpty() || !IdentityStatus.PENDING.equals(stored.get().status())) {
            return stored;
        }
        Map<String, IdentityRecord> refreshed = refresher.refresh(scope, List.of(stored.get()));
        return Optional.ofNullable(refreshed.get(identity));
    }

    /** Whether the identity exists and is verified (Success), checking a Pending domain first. */
    public boolean isVerified(Scope scope, String identity) {
        return current(scope, identity).map(r -> IdentityStatus.SUCCESS.equals(r.status())).orElse(false);
    }

    public Store store() {
        return store;
    }
}
