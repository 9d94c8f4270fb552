package io.inlet.engine.process;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inlet.engine.message.RulePlan;
import io.inlet.engine.message.TenantPlan;
import io.inlet.engine.verdicts.Header;
import io.inlet.rules.spi.ActionContext;
import io.inlet.rules.spi.MessageContent;
import io.inlet.rules.spi.NotificationContent;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The {@link ActionContext} of one message in one rule. */
final class RuleContext implements ActionContext {

    private final MessageState state;
    private final TenantPlan tenant;
    private final RulePlan rule;
    private final Clock clock;

    RuleContext(MessageState state, TenantPlan tenant, RulePlan rule, Clock clock) {
        this.state = state;
        this.tenant = tenant;
        this.rule = rule;
        this.clock = clock;
    }

    @Override
    public String messageId() {
        return state.accepted().messageId();
    }

    @Override
    public String accountId() {
        return tenant.accountId();
    }

    @Override
    public String region() {
        return tenant.region();
    }

    @Override
    public String ruleSetName() {
        return tenant.ruleSetName();
    }

    @Override
    public String ruleName() {
        return rule.rule().name();
    }

    @Override
    public List<String> recipients() {
        return rule.recipients();
    }

    @Override
    public String mailFrom() {
        String from = state.accepted().envelope().mailFrom();
        return from == null ? "" : from;
    }

    @Override
    public Instant receivedAt() {
        return state.accepted().envelope().receivedAt();
    }

    @Override
    public MessageContent message() {
        return state.content();
    }

    /** Rejects what would corrupt the header block; AddHeader validation normally stops it earlier. */
    @Override
    public void prependHeader(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty() || !name.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
            throw new IllegalArgumentException("Invalid header name: " + name);
        }
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("Invalid header value for " + name + ": contains CR or LF");
        }
        state.prepend(new Header(name, value));
    }

    @Override
    public String notificationJson(Map<String, Object> action, NotificationContent content) throws IOException {
        ObjectNode receipt = ReceiptObjectBuilder.build(clock.instant(), receivedAt(), recipients(),
                state.verdicts(), action);
        return NotificationBuilder.build(state.mail(), receipt, content, state.content());
    }

    @Override
    public Clock clock() {
        return clock;
    }
}
