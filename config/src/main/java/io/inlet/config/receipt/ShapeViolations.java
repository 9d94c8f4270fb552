package io.inlet.config.receipt;

import io.inlet.config.api.SesException;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the model-level ("Smithy") violations of one request, so that SES's single
 * {@code ValidationError} "N validation errors detected: a; b" can list them all in order.
 */
final class ShapeViolations {
    private final List<String> violations = new ArrayList<>();

    ShapeViolations add(String violation) {
        violations.add(violation);
        return this;
    }

    /**
     * The Smithy layer of a name-like member (rule set, rule, After): absent is not checked here,
     * empty breaks both the length and the pattern constraint, anything else only the pattern.
     */
    ShapeViolations name(String value, String path) {
        if (value == null) {
            return this;
        }
        if (value.isEmpty()) {
            violations.add(ReceiptErrors.minLength(path));
            violations.add(ReceiptErrors.pattern(path));
        } else if (!Names.matchesPattern(value)) {
            violations.add(ReceiptErrors.pattern(path));
        }
        return this;
    }

    void throwIfAny() {
        if (violations.isEmpty()) {
            return;
        }
        String label = violations.size() == 1
                ? "1 validation error detected: "
                : violations.size() + " validation errors detected: ";
        throw SesException.validation(label + String.join("; ", violations));
    }
}
