package io.inlet.actions;

import io.inlet.actions.sns.TopicNotifications;
import io.inlet.actions.validation.Arns;
import io.inlet.actions.validation.CommonChecks;
import io.inlet.actions.workmail.WorkmailDelivery;
import io.inlet.actions.workmail.WorkmailSettings;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.spi.ActionContext;
import io.inlet.rules.spi.ActionOutcome;
import io.inlet.rules.spi.ActionParameter;
import io.inlet.rules.spi.ActionPlugin;
import io.inlet.rules.spi.ActionValidationException;
import io.inlet.rules.spi.PluginEnvironment;
import io.inlet.rules.spi.TopicPublisher;
import io.inlet.rules.spi.ValidationContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SES {@code WorkmailAction}: hands the message to a WorkMail organization. Inlet maps the
 * organization to a mailbox server ({@code actions.workmail.organizations}: LMTP, SMTP, or the
 * embedded Maildir store) and delivers to the recipients the rule matched.
 */
public final class WorkmailAction implements ActionPlugin {

    public static final String TYPE = "WorkmailAction";
    public static final String ORGANIZATION_ARN = "OrganizationArn";

    private static final List<ActionParameter> PARAMETERS = List.of(
            ActionParameter.required(ORGANIZATION_ARN),
            ActionParameter.optional(CommonChecks.TOPIC_ARN));

    private volatile PluginEnvironment environment;
    private volatile WorkmailSettings settings;
    private volatile WorkmailDelivery delivery;
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
        return WorkmailSettings.DEFAULTS;
    }

    @Override
    public void checkSettings(Map<String, String> settings) {
        WorkmailSettings.parse(settings);
    }

    @Override
    public void start(PluginEnvironment environment) throws Exception {
        WorkmailSettings parsed = WorkmailSettings.parse(environment.settings());
        delivery = WorkmailDelivery.open(parsed, environment.dataDirectory(), environment.hostname(), environment.clock());
        topicsOrNull = topicsOf(environment);
        settings = parsed;
        this.environment = environment;
    }

    /**
     * Topic first (probed SES order), then the organization's syntax; in strict mode, once started,
     * the organization must be mapped unless unmapped ones get the embedded Maildir. SES itself
     * accepts any well-formed organization ARN (probed): only Inlet's {@code reject} default refuses one.
     */
    @Override
    public void validate(ActionSpec action, ValidationContext context) throws ActionValidationException {
        CommonChecks.optionalTopic(action, context, topicsOrNull);
        String organization = action.get(ORGANIZATION_ARN);
        if (!Arns.isWorkmailOrganization(organization)) {
            throw ActionValidationException.invalidParameter("Invalid WorkMail organization: " + CommonChecks.orEmpty(organization));
        }
        WorkmailSettings current = settings;
        if (context.checkTargets() && current != null && current.serverFor(organization).isEmpty()) {
            throw ActionValidationException.invalidParameter("Could not find WorkMail organization: " + organization);
        }
    }

    /**
     * Delivers, then publishes the TopicArn notification, then forgets who got it: a failing
     * notification is retried without delivering twice.
     */
    @Override
    public ActionOutcome execute(ActionSpec action, ActionContext context) throws Exception {
        WorkmailDelivery current = started();
        String organization = action.get(ORGANIZATION_ARN);
        current.deliver(organization, context);
        String topic = action.get(CommonChecks.TOPIC_ARN);
        if (topic != null && !topic.isEmpty()) {
            Map<String, Object> receiptAction = new LinkedHashMap<>();
            receiptAction.put("type", "WorkMail");
            receiptAction.put("organizationArn", organization);
            // asked at each use: the daemon may wire its publisher after the plugins started
            TopicNotifications.publishIfAsked(environment.topics(), action, context, receiptAction);
        }
        current.completed(organization, context);
        return ActionOutcome.CONTINUE;
    }

    private static TopicPublisher topicsOf(PluginEnvironment environment) {
        try {
            return environment.topics();
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    private WorkmailDelivery started() {
        WorkmailDelivery current = delivery;
        if (current == null) {
            throw new IllegalStateException(TYPE + " used before start()");
        }
        return current;
    }
}
