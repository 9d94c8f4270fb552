package io.inlet.engine.process;

import io.inlet.rules.ActionSpec;
import io.inlet.rules.spi.ActionContext;
import io.inlet.rules.spi.ActionOutcome;
import io.inlet.rules.spi.ActionParameter;
import io.inlet.rules.spi.ActionPlugin;
import io.inlet.rules.spi.NotificationContent;
import io.inlet.rules.spi.ValidationContext;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An action plugin driven by its parameters, recording what it saw:
 * {@code Id} names the action in {@link #trail}; {@code Outcome} is returned (default CONTINUE);
 * {@code FailTimes} makes the first n calls of that Id throw; {@code Header}/{@code HeaderValue}
 * prepend a header; {@code Notify} (NONE/UTF8/BASE64) asks for the notification JSON.
 * {@link #behaviour} can replace all that for special cases.
 */
final class TestPlugin implements ActionPlugin {

    /** What one call saw. */
    record Seen(String type, String id, String rule, String account, List<String> recipients, String message,
                long size, String notification) {
    }

    interface Behaviour {
        ActionOutcome run(ActionSpec spec, ActionContext context, int call) throws Exception;
    }

    private final String type;
    private final List<String> trail;
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    final List<Long> callNanos = new CopyOnWriteArrayList<>();
    volatile Behaviour behaviour;

    TestPlugin(String type, List<String> trail) {
        this.type = type;
        this.trail = trail;
    }

    int calls(String id) {
        AtomicInteger n = calls.get(id);
        return n == null ? 0 : n.get();
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public List<ActionParameter> parameters() {
        return List.of();
    }

    @Override
    public void validate(ActionSpec action, ValidationContext context) {
    }

    @Override
    public ActionOutcome execute(ActionSpec spec, ActionContext context) throws Exception {
        String id = spec.getOrDefault("Id", type);
        int call = calls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        callNanos.add(System.nanoTime());
        trail.add(id);
        if (behaviour != null) {
            return behaviour.run(spec, context, call);
        }
        int failTimes = Integer.parseInt(spec.getOrDefault("FailTimes", "0"));
        if (call <= failTimes) {
            throw new IOException("boom " + call + " of " + id);
        }
        String notification = null;
        if (spec.get("Notify") != null) {
            notification = context.notificationJson(Map.of("type", type, "topicArn", "arn:aws:sns:us-east-1:1:t"),
                    NotificationContent.valueOf(spec.get("Notify")));
        }
        seen.add(new Seen(type, id, context.ruleName(), context.accountId(), context.recipients(),
                text(context), context.message().size(), notification));
        if (spec.get("Header") != null) {
            context.prependHeader(spec.get("Header"), spec.get("HeaderValue"));
        }
        return ActionOutcome.valueOf(spec.getOrDefault("Outcome", "CONTINUE"));
    }

    Seen seen(String id) {
        return seen.stream().filter(s -> s.id().equals(id)).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("action " + id + " never completed"));
    }

    private static String text(ActionContext context) throws IOException {
        try (InputStream in = context.message().open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
