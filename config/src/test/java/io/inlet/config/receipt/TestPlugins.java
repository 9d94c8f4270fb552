package io.inlet.config.receipt;

import io.inlet.rules.ActionSpec;
import io.inlet.rules.spi.ActionParameter;
import io.inlet.rules.spi.ActionPlugin;
import io.inlet.rules.spi.ActionValidationException;
import io.inlet.rules.spi.ValidationContext;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Small stand-ins for the built-in action plugins (config must not depend on module actions):
 * the parameter declarations of the SES model, and a few service checks with floci's probed texts.
 */
final class TestPlugins {
    private static final Pattern TOPIC = Pattern.compile("^arn:aws[a-zA-Z-]*:sns:[a-z0-9-]+:\\d{12}:.+$");

    /** Buckets the fake S3 plugin reports as existing (checked only in strict mode). */
    final Set<String> buckets = ConcurrentHashMap.newKeySet();
    /** Every validate call, in order: "type ruleSet/rule region checkTargets". */
    final List<String> calls = new CopyOnWriteArrayList<>();

    Map<String, ActionPlugin> byType() {
        return Map.of(
                "S3Action", plugin("S3Action", List.of(ActionParameter.required("BucketName"),
                        ActionParameter.optional("ObjectKeyPrefix"), ActionParameter.optional("KmsKeyArn"),
                        ActionParameter.optional("TopicArn"), ActionParameter.optional("IamRoleArn")), this::s3),
                "SNSAction", plugin("SNSAction", List.of(ActionParameter.oneOf("Encoding", false, "UTF-8", "Base64", "UTF-8"),
                        ActionParameter.required("TopicArn")), (a, c) -> { }),
                "BounceAction", plugin("BounceAction", List.of(ActionParameter.required("SmtpReplyCode"),
                        ActionParameter.required("Sender"), ActionParameter.required("Message"),
                        ActionParameter.optional("StatusCode"), ActionParameter.optional("TopicArn")), this::bounce),
                "LambdaAction", plugin("LambdaAction", List.of(ActionParameter.required("FunctionArn"),
                        ActionParameter.oneOf("InvocationType", false, "Event", "RequestResponse", "Event"),
                        ActionParameter.optional("TopicArn")), (a, c) -> { }),
                "StopAction", plugin("StopAction", List.of(ActionParameter.oneOf("Scope", true, null, "RuleSet"),
                        ActionParameter.optional("TopicArn")), (a, c) -> { }),
                "AddHeaderAction", plugin("AddHeaderAction", List.of(ActionParameter.required("HeaderName"),
                        ActionParameter.required("HeaderValue")), (a, c) -> { }),
                "WorkmailAction", plugin("WorkmailAction", List.of(ActionParameter.required("OrganizationArn"),
                        ActionParameter.optional("TopicArn")), (a, c) -> { }),
                "ConnectAction", plugin("ConnectAction", List.of(ActionParameter.required("InstanceARN"),
                        ActionParameter.required("IAMRoleARN")), (a, c) -> { }));
    }

    private void s3(ActionSpec action, ValidationContext context) throws ActionValidationException {
        String bucket = action.get("BucketName");
        if (bucket.isEmpty()) {
            throw ActionValidationException.invalidParameter("Bucket name must not be empty");
        }
        if (context.checkTargets() && !buckets.contains(bucket)) {
            throw new ActionValidationException("InvalidS3Configuration", "No such bucket: " + bucket);
        }
    }

    private void bounce(ActionSpec action, ValidationContext context) throws ActionValidationException {
        String sender = action.get("Sender");
        if (!context.isVerifiedIdentity(sender)) {
            throw ActionValidationException.invalidParameter("Identity is not verified: " + sender);
        }
    }

    @FunctionalInterface
    interface Check {
        void validate(ActionSpec action, ValidationContext context) throws ActionValidationException;
    }

    private ActionPlugin plugin(String type, List<ActionParameter> parameters, Check check) {
        return new ActionPlugin() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public List<ActionParameter> parameters() {
                return parameters;
            }

            @Override
            public void validate(ActionSpec action, ValidationContext context) throws ActionValidationException {
                calls.add(type + " " + context.ruleSetName() + "/" + context.ruleName() + " " + context.region()
                        + " " + context.checkTargets());
                String topic = action.get("TopicArn");
                if (topic != null && !TOPIC.matcher(topic).matches()) {
                    throw new ActionValidationException("InvalidSnsTopic", "Invalid SNS topic: " + topic);
                }
                check.validate(action, context);
            }
        };
    }
}
