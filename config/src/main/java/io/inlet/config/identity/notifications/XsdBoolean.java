package io.inlet.config.identity.notifications;

import io.inlet.config.api.QueryParams;
import io.inlet.config.api.SesException;
import io.inlet.config.identity.IdentityReferences;

/** A required xsd:boolean member, with the MalformedInput texts SES gives for the receipt booleans. */
final class XsdBoolean {
    private XsdBoolean() {
    }

    static boolean required(QueryParams params, String name, String path) {
        String raw = IdentityReferences.required(params, name, path);
        return switch (raw) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            case "" -> throw SesException.sender("MalformedInput", "missing value for boolean type");
            default -> throw SesException.sender("MalformedInput", "boolean must follow xsd1.1 definition");
        };
    }
}
