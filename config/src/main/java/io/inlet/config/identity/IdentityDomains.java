package io.inlet.config.identity;

import io.inlet.config.api.ApiRequest;
import io.inlet.config.api.SesException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the DKIM and MAIL FROM operations (sub-packages) need of this package's identity syntax,
 * so {@link IdentityNames} and {@link Violations} can stay package-private.
 */
public final class IdentityDomains {
    /** Get*Attributes take at most this many identities (reference: "up to 100 identities at a time"). */
    public static final int MAX_IDENTITIES = GetIdentityVerificationAttributes.MAX_IDENTITIES;

    private IdentityDomains() {
    }

    /** The normal (lower-case) form of a domain name, or empty when {@code raw} is not one. */
    public static Optional<String> domain(String raw) {
        return IdentityNames.domain(raw);
    }

    public static boolean isEmailAddress(String identity) {
        return IdentityNames.isEmailAddress(identity);
    }

    /** The domain of an address, or the identity itself when it is a domain. */
    public static String domainOf(String identity) {
        return IdentityNames.domainOf(identity);
    }

    /** Whether {@code candidate} lies strictly below {@code parent} ({@code a.example.com} under {@code example.com}). */
    public static boolean isStrictSubdomain(String candidate, String parent) {
        return candidate.length() > parent.length() + 1 && candidate.endsWith("." + parent);
    }

    /** A required member; absent fails as Smithy's "Value null at 'path'" ValidationError. */
    public static String required(ApiRequest request, String name, String path) {
        return Violations.required(request.params(), name, path);
    }

    /**
     * The {@code Identities} list of a Get*Attributes call, each as requested mapped to its normal
     * form, with GetIdentityVerificationAttributes' validation (required, at most 100, each a valid
     * address or domain, by name or ARN). An ARN of another account or region maps to nothing:
     * from this scope that identity does not exist, so it is omitted like any unknown identity.
     */
    public static Map<String, String> identitiesParameter(ApiRequest request) {
        Map<String, String> normalByRequested = new LinkedHashMap<>();
        for (String identity : requestedIdentities(request)) {
            IdentityReferences.resolve(request.scope(), identity)
                    .ifPresent(normal -> normalByRequested.put(identity, normal));
        }
        return normalByRequested;
    }

    /** The {@code Identities} list as sent: required, at most 100 (the model's constraint). */
    static List<String> requestedIdentities(ApiRequest request) {
        List<String> requested = request.params().list("Identities");
        if (requested == null) {
            throw Violations.missing("identities");
        }
        if (requested.size() > MAX_IDENTITIES) {
            Violations v = new Violations();
            v.add("Value at 'identities' failed to satisfy constraint: Member must have length less than or equal to "
                    + MAX_IDENTITIES);
            v.throwIfAny();
        }
        return requested;
    }

    /** Smithy's enum ValidationError, as ListIdentities words it for IdentityType. */
    public static SesException notInEnum(String value, String path, String allowed) {
        return SesException.validation("1 validation error detected: Value '" + value + "' at '" + path
                + "' failed to satisfy constraint: Member must satisfy enum value set: [" + allowed + "]");
    }
}
