package io.inlet.actions;

import io.inlet.rules.spi.ActionContext;
import io.inlet.rules.spi.MessageContent;
import io.inlet.rules.spi.NotificationContent;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A {@link TestActionContext} with another envelope (sender, matched recipients): the WorkMail
 * action delivers to every recipient the rule matched, and to the null sender's messages too.
 */
final class WorkmailEnvelope implements ActionContext {

    private final TestActionContext message;
    private final String mailFrom;
    private final List<String> recipients;

    WorkmailEnvelope(TestActionContext message, String mailFrom, List<String> recipients) {
        this.message = message;
        this.mailFrom = mailFrom;
        this.recipients = List.copyOf(recipients);
    }

    @Override
    public List<String> recipients() {
        return recipients;
    }

    @Override
    public String mailFrom() {
        return mailFrom;
    }

    @Override
    public String messageId() {
        return message.messageId();
    }

    @Override
    public String accountId() {
        return message.accountId();
    }

    @Override
    public String region() {
        return message.region();
    }

    @Override
    public String ruleSetName() {
        return message.ruleSetName();
    }

    @Override
    public String ruleName() {
        return message.ruleName();
    }

    @Override
    public Instant receivedAt() {
        return message.receivedAt();
    }

    @Override
    public MessageContent message() {
        return message.message();
    }

    @Override
    public void prependHeader(String name, String value) {
        message.prependHeader(name, value);
    }

    @Override
    public String notificationJson(Map<String, Object> action, NotificationContent content) throws IOException {
        return message.notificationJson(action, content);
    }

    @Override
    public Clock clock() {
        return message.clock();
    }
}
