package io.inlet.config.identity;

import io.inlet.config.api.QueryParams;
import io.inlet.config.api.SesException;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects model-constraint violations into one {@code ValidationError}, in the AWS form
 * "N validation error(s) detected: a; b" (SES-RECEIVING.md §6.2; the DG-OLD example
 * "Value null at 'message.subject' failed to satisfy constraint: Member must not be null").
 */
final class Violations {
    private final List<String> found = new ArrayList<>();

    /** The value of a required member; a missing one fails at once (nothing else can be checked). */
    static String required(QueryParams params, String name, String path) {
        String value = params.get(name);
        if (value == null) {
            throw missing(path);
        }
        return value;
    }

    static SesException missing(String path) {
        return SesException.validation("1 validation error detected: Value null at '" + path
                + "' failed to satisfy constraint: Member must not be null");
    }

    void add(String violation) {
        found.add(violation);
    }

    void throwIfAny() {
        if (found.isEmpty()) {
            return;
        }
        String head = found.size() == 1 ? "1 validation error detected: " : found.size() + " validation errors detected: ";
        throw SesException.validation(head + String.join("; ", found));
    }
}
