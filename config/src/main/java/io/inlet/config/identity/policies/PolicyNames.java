package io.inlet.config.identity.policies;

import io.inlet.config.api.SesException;
import io.inlet.config.identity.IdentityReferences;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Policy names: 1-64 characters by the model (a Smithy length violation), only alphanumerics,
 * '-' and '_' by the reference's prose (checked by the service, so InvalidParameterValue).
 */
final class PolicyNames {
    static final int MAX_LENGTH = 64;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_-]+");

    private PolicyNames() {
    }

    /** The length violation at {@code path}, or null. */
    static String lengthViolation(String name, String path) {
        if (name.isEmpty()) {
            return "Value '' at '" + path + "' failed to satisfy constraint: Member must have length greater than or equal to 1";
        }
        if (name.length() > MAX_LENGTH) {
            return "Value '" + name + "' at '" + path + "' failed to satisfy constraint: "
                    + "Member must have length less than or equal to " + MAX_LENGTH;
        }
        return null;
    }

    /** The required {@code PolicyName} of Put and Delete, checked completely. */
    static String required(io.inlet.config.api.QueryParams params) {
        String name = IdentityReferences.required(params, "PolicyName", "policyName");
        List<String> violations = new ArrayList<>();
        String length = lengthViolation(name, "policyName");
        if (length != null) {
            violations.add(length);
        }
        IdentityReferences.throwIfAny(violations);
        if (!ALLOWED.matcher(name).matches()) {
            throw SesException.invalidParameter("Invalid policy name: " + name
                    + ". Policy names can include only alphanumeric characters, dashes and underscores.");
        }
        return name;
    }

    static String attribute(String policyName) {
        return IdentityPolicies.PREFIX + policyName;
    }
}
