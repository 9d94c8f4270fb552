package io.inlet.actions.validation;

import java.util.regex.Pattern;

/**
 * Syntax of the ARNs receipt actions point at. Only well-formedness: whether the target exists
 * and is usable is a separate, optional check. Partitions: the commercial, China and GovCloud
 * ones, where SES receiving can exist; accounts are 12 digits as AWS issues them.
 */
public final class Arns {

    private static final String PARTITION = "(?:aws|aws-cn|aws-us-gov)";
    /** us-east-1, us-gov-west-1, ap-southeast-2, cn-north-1, ... */
    private static final String REGION = "[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}";
    private static final String ACCOUNT = "[0-9]{12}";
    private static final String PREFIX = "arn:" + PARTITION + ":%s:" + REGION + ":" + ACCOUNT + ":";
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    /** SNS topic names: 1-256 of letters, digits, '-' and '_'; FIFO topics end in ".fifo" within the 256. */
    private static final Pattern SNS_TOPIC = Pattern.compile(String.format(PREFIX, "sns")
            + "(?:[A-Za-z0-9_-]{1,256}|[A-Za-z0-9_-]{1,251}\\.fifo)");
    /** A function ARN, optionally qualified by $LATEST, a version or an alias (the Lambda API's name limits). */
    private static final Pattern LAMBDA_FUNCTION = Pattern.compile(String.format(PREFIX, "lambda")
            + "function:[A-Za-z0-9_-]{1,64}(?::(?:\\$LATEST|[A-Za-z0-9_-]{1,128}))?");
    /** A key (UUID, or multi-Region "mrk-" id) or an alias such as the SES default alias/aws/ses. */
    private static final Pattern KMS_KEY = Pattern.compile(String.format(PREFIX, "kms")
            + "(?:key/(?:" + UUID + "|mrk-[0-9a-f]{32})|alias/[A-Za-z0-9/_-]{1,250})");
    /** The SES model's pattern for S3Action.IamRoleArn and ConnectAction.IAMRoleARN. */
    /** The SES model's IAMRoleARN pattern (S3Action.IamRoleArn, ConnectAction.IAMRoleARN), 20-2048 chars. */
    public static final String IAM_ROLE_PATTERN = "arn:[\\w-]+:iam::[0-9]+:role(/)([!-~]+/)?([\\w+=,.@-]+)";
    public static final int IAM_ROLE_MIN = 20;
    public static final int IAM_ROLE_MAX = 2048;
    private static final Pattern IAM_ROLE = Pattern.compile(IAM_ROLE_PATTERN);
    /** WorkMail organization ids are "m-" plus 32 lower-case hex digits (the WorkMail API's OrganizationId pattern). */
    private static final Pattern WORKMAIL_ORGANIZATION = Pattern.compile(String.format(PREFIX, "workmail")
            + "organization/m-[0-9a-f]{32}");
    /** The SES model's pattern for ConnectAction.InstanceARN, kept verbatim (it admits only aws/aws-us-gov). */
    public static final String CONNECT_INSTANCE_PATTERN =
            "arn:(aws|aws-us-gov):connect:[a-z]{2}-[a-z]+-[0-9-]{1}:[0-9]{1,20}:instance/" + UUID;
    private static final Pattern CONNECT_INSTANCE = Pattern.compile(CONNECT_INSTANCE_PATTERN);

    private Arns() {
    }

    public static boolean isSnsTopic(String arn) {
        return matches(SNS_TOPIC, arn);
    }

    public static boolean isLambdaFunction(String arn) {
        return matches(LAMBDA_FUNCTION, arn);
    }

    public static boolean isKmsKey(String arn) {
        return matches(KMS_KEY, arn);
    }

    public static boolean isIamRole(String arn) {
        return arn != null && arn.length() >= IAM_ROLE_MIN && arn.length() <= IAM_ROLE_MAX && matches(IAM_ROLE, arn);
    }

    public static boolean isWorkmailOrganization(String arn) {
        return matches(WORKMAIL_ORGANIZATION, arn);
    }

    public static boolean isConnectInstance(String arn) {
        return matches(CONNECT_INSTANCE, arn);
    }

    private static boolean matches(Pattern pattern, String value) {
        return value != null && pattern.matcher(value).matches();
    }
}
