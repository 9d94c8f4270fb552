package io.inlet.deploy.plugins;

import java.util.List;
import java.util.Map;

/** Sources of the tiny plugins the tests compile into jars (see {@link TestJars}). */
public final class PluginSources {
    public static final String ACTION_PLUGIN = "io.inlet.rules.spi.ActionPlugin";
    public static final String LAMBDA_FUNCTION = "io.inlet.rules.spi.LambdaFunction";

    private PluginSources() {
    }

    /**
     * Serves {@code ConnectAction} (replacing the built-in): runs the {@code spam-gate} function,
     * found through its environment, on the message, adds {@code X-Connect-Plugin: <label>
     * <InstanceARN> <disposition>} and returns the function's disposition. Its start fails when
     * a daemon library (Jackson) is visible to it: a plugin jar must see rules-api and the JDK only.
     */
    public static Map<String, String> connectPlugin() {
        return Map.of("fixture.connect.ConnectPlugin", """
                package fixture.connect;

                import io.inlet.rules.ActionSpec;
                import io.inlet.rules.spi.*;
                import java.util.*;

                public final class ConnectPlugin implements ActionPlugin {
                    private volatile PluginEnvironment env;

                    public String type() { return "ConnectAction"; }

                    public Map<String, String> settingDefaults() {
                        return Map.of("actions.connect-test.label", "default-label");
                    }

                    public void checkSettings(Map<String, String> settings) {
                        if (settings.get("actions.connect-test.label").isBlank()) {
                            throw new IllegalArgumentException("must not be empty");
                        }
                    }

                    public void start(PluginEnvironment environment) {
                        try {
                            Class.forName("com.fasterxml.jackson.databind.ObjectMapper", false, getClass().getClassLoader());
                            throw new IllegalStateException("the daemon's libraries are visible to the plugin");
                        } catch (ClassNotFoundException expected) {
                            env = environment;
                        }
                    }

                    public List<ActionParameter> parameters() {
                        return List.of(ActionParameter.required("InstanceARN"), ActionParameter.required("IAMRoleARN"));
                    }

                    public void validate(ActionSpec action, ValidationContext context) {
                    }

                    public ActionOutcome execute(ActionSpec action, ActionContext context) throws Exception {
                        String notification = context.notificationJson(Map.of("type", "Connect"), NotificationContent.NONE);
                        String event = "{\\"Records\\":[{\\"eventSource\\":\\"aws:ses\\",\\"eventVersion\\":\\"1.0\\",\\"ses\\":"
                                + notification + "}]}";
                        LambdaFunction gate = env.function("spam-gate")
                                .orElseThrow(() -> new PermanentFailureException("no function spam-gate"));
                        ActionOutcome outcome = gate.invoke(event).contains("STOP_RULE_SET")
                                ? ActionOutcome.STOP_RULE_SET : ActionOutcome.CONTINUE;
                        context.prependHeader("X-Connect-Plugin", env.settings().get("actions.connect-test.label") + " "
                                + action.get("InstanceARN") + " " + outcome);
                        return outcome;
                    }
                }
                """);
    }

    /** An action plugin of {@code type} whose start() always throws. */
    public static Map<String, String> failingStart(String type) {
        return Map.of("fixture.failing.FailingPlugin", """
                package fixture.failing;

                import io.inlet.rules.ActionSpec;
                import io.inlet.rules.spi.*;
                import java.util.List;

                public final class FailingPlugin implements ActionPlugin {
                    public String type() { return "%s"; }
                    public void start(PluginEnvironment environment) { throw new IllegalStateException("licence key missing"); }
                    public List<ActionParameter> parameters() { return List.of(); }
                    public void validate(ActionSpec action, ValidationContext context) { }
                }
                """.formatted(type));
    }

    /** An action plugin of {@code type} that does nothing. */
    public static Map<String, String> plainPlugin(String type) {
        return Map.of("fixture.plain.PlainPlugin", """
                package fixture.plain;

                import io.inlet.rules.ActionSpec;
                import io.inlet.rules.spi.*;
                import java.util.List;

                public final class PlainPlugin implements ActionPlugin {
                    public String type() { return "%s"; }
                    public List<ActionParameter> parameters() { return List.of(); }
                    public void validate(ActionSpec action, ValidationContext context) { }
                }
                """.formatted(type));
    }

    /** A function named {@code name} that always continues. */
    public static Map<String, String> function(String name) {
        return Map.of("fixture.function.Continue", """
                package fixture.function;

                public final class Continue implements io.inlet.rules.spi.LambdaFunction {
                    public String name() { return "%s"; }
                    public String invoke(String event) { return "{\\"disposition\\":\\"CONTINUE\\"}"; }
                }
                """.formatted(name));
    }

    /** A function whose constructor throws. */
    public static Map<String, String> throwingConstructor() {
        return Map.of("fixture.boom.Boom", """
                package fixture.boom;

                public final class Boom implements io.inlet.rules.spi.LambdaFunction {
                    public Boom() { throw new IllegalStateException("cannot read boom.conf"); }
                    public String name() { return "boom"; }
                    public String invoke(String event) { return null; }
                }
                """);
    }

    public static Map<String, List<String>> services(String service, String... providers) {
        return Map.of(service, List.of(providers));
    }
}
