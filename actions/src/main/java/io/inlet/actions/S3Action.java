package io.inlet.actions;

import io.inlet.actions.validation.Arns;
import io.inlet.actions.validation.BucketNames;
import io.inlet.actions.validation.CommonChecks;
import io.inlet.actions.validation.ErrorCodes;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.spi.ActionParameter;
import io.inlet.rules.spi.ActionPlugin;
import io.inlet.rules.spi.ActionValidationException;
import io.inlet.rules.spi.ValidationContext;

import java.util.List;

/** SES {@code S3Action}: stores the message as {@code ObjectKeyPrefix + messageId} in a bucket. */
public final class S3Action implements ActionPlugin {

    public static final String TYPE = "S3Action";
    public static final String BUCKET_NAME = "BucketName";
    public static final String OBJECT_KEY_PREFIX = "ObjectKeyPrefix";
    public static final String KMS_KEY_ARN = "KmsKeyArn";
    public static final String IAM_ROLE_ARN = "IamRoleArn";

    private static final List<ActionParameter> PARAMETERS = List.of(
            ActionParameter.required(BUCKET_NAME),
            ActionParameter.optional(OBJECT_KEY_PREFIX),
            ActionParameter.optional(KMS_KEY_ARN),
            ActionParameter.optional(CommonChecks.TOPIC_ARN),
            ActionParameter.optional(IAM_ROLE_ARN));

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<ActionParameter> parameters() {
        return PARAMETERS;
    }

    /** Probed order: topic first, then the bucket; then our KMS and IAM syntax checks. */
    @Override
    public void validate(ActionSpec action, ValidationContext context) throws ActionValidationException {
        CommonChecks.optionalTopic(action);
        String bucket = action.get(BUCKET_NAME);
        if (bucket == null || bucket.isEmpty()) {
            throw ActionValidationException.invalidParameter("Bucket name must not be empty");
        }
        if (!BucketNames.isValid(bucket)) {
            // No such bucket can exist, so answer what SES says for a bucket it cannot write to.
            throw new ActionValidationException(ErrorCodes.INVALID_S3_CONFIGURATION, "Could not write to bucket: " + bucket);
        }
        String kmsKey = action.get(KMS_KEY_ARN);
        if (kmsKey != null && !Arns.isKmsKey(kmsKey)) {
            throw new ActionValidationException(ErrorCodes.INVALID_S3_CONFIGURATION, "Unable to use AWS KMS key: " + kmsKey);
        }
        String role = action.get(IAM_ROLE_ARN);
        if (role != null) {
            CommonChecks.iamRole(role);
        }
    }
}
