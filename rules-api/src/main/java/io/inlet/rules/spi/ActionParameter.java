package io.inlet.rules.spi;

import java.util.List;

/**
 * One parameter of an action type as the SES model declares it. The control plane derives the
 * model-level ("shape") checks from these declarations: a missing required member, and a value
 * outside {@code allowedValues}, become {@code ValidationError} violations.
 *
 * @param name          wire member name, e.g. {@code BucketName}
 * @param required      whether the SES model marks it required
 * @param allowedValues enum values in the order SES lists them in its error message; empty = free text
 * @param defaultValue  value stored (and returned by Describe) when the member is omitted; null = none
 */
public record ActionParameter(String name, boolean required, List<String> allowedValues, String defaultValue) {
    public ActionParameter {
        allowedValues = List.copyOf(allowedValues);
    }

    public static ActionParameter required(String name) {
        return new ActionParameter(name, true, List.of(), null);
    }

    public static ActionParameter optional(String name) {
        return new ActionParameter(name, false, List.of(), null);
    }

    public static ActionParameter oneOf(String name, boolean required, String defaultValue, String... values) {
        return new ActionParameter(name, required, List.of(values), defaultValue);
    }
}
