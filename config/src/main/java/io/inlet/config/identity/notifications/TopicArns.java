package io.inlet.config.identity.notifications;

import java.util.regex.Pattern;

/**
 * SNS topic ARN syntax, the same grammar the receipt actions accept (actions' {@code Arns}, which
 * this module cannot depend on): a partition, a region, a 12-digit account and a topic name of
 * 1-256 letters, digits, '-' and '_' (FIFO topics end in ".fifo" within the 256).
 */
final class TopicArns {
    private static final Pattern SNS_TOPIC = Pattern.compile("arn:(?:aws|aws-cn|aws-us-gov):sns:"
            + "[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}:[0-9]{12}:(?:[A-Za-z0-9_-]{1,256}|[A-Za-z0-9_-]{1,251}\\.fifo)");

    private TopicArns() {
    }

    static boolean isSnsTopic(String arn) {
        return arn != null && SNS_TOPIC.matcher(arn).matches();
    }
}
