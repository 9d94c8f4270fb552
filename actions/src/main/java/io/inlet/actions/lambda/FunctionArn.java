package io.inlet.actions.lambda;

import io.inlet.actions.validation.Arns;

import java.util.ArrayList;
import java.util.List;

/**
 * A well-formed {@code arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]}, split into
 * the parts the backends need.
 *
 * @param qualifier the version or alias, or null when unqualified
 */
public record FunctionArn(String arn, String region, String name, String qualifier) {

    /** @throws IllegalArgumentException when {@code arn} is not a Lambda function ARN */
    public static FunctionArn parse(String arn) {
        if (!Arns.isLambdaFunction(arn)) {
            throw new IllegalArgumentException("Invalid Lambda function: " + arn);
        }
        String[] parts = arn.split(":", -1);
        return new FunctionArn(arn, parts[3], parts[6], parts.length > 7 ? parts[7] : null);
    }

    /** The ARN without {@code :QUALIFIER}. */
    public String unqualified() {
        return qualifier == null ? arn : arn.substring(0, arn.length() - qualifier.length() - 1);
    }

    /**
     * The names a configured URL or a plugin function may go by, most specific first: the ARN as
     * written, the ARN without qualifier, the bare function name.
     */
    public List<String> lookupKeys() {
        List<String> keys = new ArrayList<>(List.of(arn));
        if (qualifier != null) {
            keys.add(unqualified());
        }
        keys.add(name);
        return keys;
    }
}
