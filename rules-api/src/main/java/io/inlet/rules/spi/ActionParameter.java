package io.inlet.rules.spi;

import java.util.List;

/**
 * One parameter of an action type as the SES model declares it. The control plane derives the
 * model-level ("shape") checks from these declarations: a missing required member, a value outside
 * {@code allowedValues}, and a value breaking the model's length or pattern constraint become
 * {@code ValidationError} violations.
 *
 * @param name          wire member name, e.g. {@code BucketName}
 * @param required      whether the SES model marks it required
 * @param allowedValues enum values in the order SES lists them in its error message; empty = free text
 * @param defaultValue  value stored (and returned by Describe) when the member is omitted; null = none
 * @param minLength     the model's minimum length (0 = none)
 * @param maxLength     the model's maximum length ({@link Integer#MAX_VALUE} = none)
 * @param pattern       the model's regular expression, matched against the whole value; null = none
 */
public record ActionParameter(String name, boolean required, List<String> allowedValues, String defaultValue,
                              int minLength, int maxLength, String pattern) {
    public ActionParameter {
        allowedValues = List.copyOf(allowedValues);
    }

    public ActionParameter(String name, boolean required, List<String> allowedValues, String defaultValue) {
        this(name, required, allowedValues, defaultValue, 0, Integer.MAX_VALUE, null);
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

    /** A string the model constrains by length and pattern (e.g. {@code IAMRoleARN}). */
    public static ActionParameter constrained(String name, boolean required, int minLength, int maxLength, String pattern) {
        return new ActionParameter(name, required, List.of(), null, minLength, maxLength, pattern);
    }
}
