package io.inlet.actions;

import io.inlet.actions.lambda.AwsFunctionInvoker;
import io.inlet.actions.lambda.Dispositions;
import io.inlet.actions.lambda.EmbeddedFunctionInvoker;
import io.inlet.actions.lambda.FunctionArn;
import io.inlet.actions.lambda.FunctionInvoker;
import io.inlet.actions.lambda.InvocationType;
import io.inlet.actions.lambda.LambdaEvent;
import io.inlet.actions.lambda.LambdaSettings;
import io.inlet.actions.sns.TopicNotifications;
import io.inlet.actions.validation.Arns;
import io.inlet.actions.validation.CommonChecks;
import io.inlet.actions.validation.ErrorCodes;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.spi.ActionContext;
import io.inlet.rules.spi.ActionOutcome;
import io.inlet.rules.spi.ActionParameter;
import io.inlet.rules.spi.ActionPlugin;
import io.inlet.rules.spi.ActionValidationException;
import io.inlet.rules.spi.NotificationContent;
import io.inlet.rules.spi.PermanentFailureException;
import io.inlet.rules.spi.PluginEnvironment;
import io.inlet.rules.spi.TopicPublisher;
import io.inlet.rules.spi.ValidationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SES {@code LambdaAction}: invokes a function with the SES event, asynchronously (Event) or
 * waiting for a disposition (RequestResponse), through AWS Lambda or the embedded backend
 * ({@code actions.lambda.backend}).
 */
public final class LambdaAction implements ActionPlugin {

    public static final String TYPE = "LambdaAction";
    public static final String FUNCTION_ARN = "FunctionArn";
    public static final String INVOCATION_TYPE = "InvocationType";
    public static final String EVENT = "Event";
    public static final String REQUEST_RESPONSE = "RequestResponse";

    private static final Logger LOG = LoggerFactory.getLogger(LambdaAction.class);

    /** Probed violation order: the missing functionArn before a bad invocationType. */
    private static final List<ActionParameter> PARAMETERS = List.of(
            ActionParameter.required(FUNCTION_ARN),
            ActionParameter.oneOf(INVOCATION_TYPE, false, EVENT, REQUEST_RESPONSE, EVENT),
            ActionParameter.optional(CommonChecks.TOPIC_ARN));

    private volatile FunctionInvoker invoker;
    private volatile PluginEnvironment environment;
    /** For strict validation; null when the daemon has no publisher (the topic is then only syntax-checked). */
    private volatile TopicPublisher topicsOrNull;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<ActionParameter> parameters() {
        return PARAMETERS;
    }

    @Override
    public Map<String, String> settingDefaults() {
        return LambdaSettings.DEFAULTS;
    }

    @Override
    public void checkSettings(Map<String, String> settings) {
        LambdaSettings.parse(settings);
    }

    @Override
    public void start(PluginEnvironment environment) {
        LambdaSettings settings = LambdaSettings.parse(environment.settings());
        this.environment = environment;
        this.topicsOrNull = topicsOrNull(environment);
        invoker = switch (settings.backend()) {
            case EMBEDDED -> new EmbeddedFunctionInvoker(settings, environment::function);
            case AWS -> {
                if (!settings.functions().isEmpty()) {
                    LOG.warn("{} is ignored with the aws backend: functions are invoked in AWS Lambda", LambdaSettings.FUNCTIONS);
                }
                yield new AwsFunctionInvoker(settings);
            }
        };
    }

    /**
     * Probed order: topic, then empty function, then a malformed (or bare-name) function ARN. In
     * strict mode a started plugin then checks the targets: the topic can be published to and the
     * function can be invoked. An unstarted plugin (shape-only validation) checks syntax only.
     */
    @Override
    public void validate(ActionSpec action, ValidationContext context) throws ActionValidationException {
        CommonChecks.optionalTopic(action, context, topicsOrNull);
        String function = action.get(FUNCTION_ARN);
        if (function == null || function.isEmpty()) {
            throw ActionValidationException.invalidParameter("Lambda function ARN must not be empty");
        }
        if (!Arns.isLambdaFunction(function)) {
            throw new ActionValidationException(ErrorCodes.INVALID_LAMBDA_FUNCTION, "Invalid Lambda function: " + function);
        }
        FunctionInvoker current = invoker;
        if (context.checkTargets() && current != null && !current.canInvoke(FunctionArn.parse(function))) {
            throw new ActionValidationException(ErrorCodes.INVALID_LAMBDA_FUNCTION, "Could not invoke Lambda function: " + function);
        }
    }

    /**
     * Invokes, then publishes the TopicArn notification. A failed or timed-out invocation throws
     * (the engine retries), never continues silently. A retry after a failed notification invokes
     * the function again: delivery is at least once, as with SES.
     */
    @Override
    public ActionOutcome execute(ActionSpec action, ActionContext context) throws Exception {
        FunctionArn function = functionArn(action);
        InvocationType type = invocationType(action);
        Map<String, Object> receiptAction = new LinkedHashMap<>();
        receiptAction.put("type", "Lambda");
        receiptAction.put("functionArn", function.arn());
        receiptAction.put("invocationType", type.wire());
        String topic = action.get(CommonChecks.TOPIC_ARN);
        boolean notify = topic != null && !topic.isEmpty();

        Map<String, Object> eventAction = notify ? TopicNotifications.withTopic(receiptAction, topic) : receiptAction;
        String event = LambdaEvent.fromNotification(context.notificationJson(eventAction, NotificationContent.NONE));
        String result = started().invoke(function, type, event);
        ActionOutcome outcome = type == InvocationType.REQUEST_RESPONSE ? Dispositions.of(result) : ActionOutcome.CONTINUE;
        LOG.debug("Lambda function {} ({}) for message {}: {}", function.arn(), type.wire(), context.messageId(), outcome);

        if (notify) {
            TopicNotifications.publishIfAsked(environment.topics(), action, context, receiptAction);
        }
        return outcome;
    }

    @Override
    public void close() {
        FunctionInvoker current = invoker;
        if (current != null) {
            current.close();
        }
    }

    /** validate() refuses these, so a rule holding one cannot work however often it is retried. */
    private static FunctionArn functionArn(ActionSpec action) {
        try {
            return FunctionArn.parse(action.get(FUNCTION_ARN));
        } catch (IllegalArgumentException e) {
            throw new PermanentFailureException(e.getMessage(), e);
        }
    }

    private static InvocationType invocationType(ActionSpec action) {
        try {
            return InvocationType.of(action.getOrDefault(INVOCATION_TYPE, EVENT));
        } catch (IllegalArgumentException e) {
            throw new PermanentFailureException(e.getMessage(), e);
        }
    }

    private static TopicPublisher topicsOrNull(PluginEnvironment environment) {
        try {
            return environment.topics();
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    private FunctionInvoker started() {
        FunctionInvoker current = invoker;
        if (current == null) {
            throw new IllegalStateException(TYPE + " used before start()");
        }
        return current;
    }
}
