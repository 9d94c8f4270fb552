package io.inlet.rules.spi;

import io.inlet.rules.ActionSpec;

import java.util.List;
import java.util.Map;

/**
 * An action type, found with {@link java.util.ServiceLoader}: the built-ins (S3Action, SNSAction,
 * ...) and any third-party jar that depends on {@code rules-api} alone.
 *
 * <p>Lifecycle: constructed by the ServiceLoader, {@link #start} called once with its
 * configuration, {@link #validate} called by the control plane for
 * every action of this type in CreateReceiptRule/UpdateReceiptRule, {@link #execute} called by the
 * engine for each received message a rule applies to (concurrently: implementations must be
 * thread-safe), {@link #close} at shutdown.
 */
public interface ActionPlugin extends AutoCloseable {

    /** The wire member name inside a {@code ReceiptAction}, e.g. {@code S3Action}, or a plugin's own id. */
    String type();

    /**
     * The configuration keys this plugin reads, with their default values, by full key name under
     * {@code actions.} (e.g. {@code actions.s3.backend} → {@code embedded}). The daemon accepts these
     * keys in its config file and as {@code INLET_…} variables, like its own.
     */
    default Map<String, String> settingDefaults() {
        return Map.of();
    }

    /**
     * Checks the values of the keys of {@link #settingDefaults()} without starting anything (for
     * {@code inlet config check}); throws {@link IllegalArgumentException} naming a bad key.
     */
    default void checkSettings(Map<String, String> settings) {
    }

    /** Called once before any other call; throw {@link IllegalArgumentException} naming a bad setting. */
    default void start(PluginEnvironment environment) throws Exception {
    }

    /** The declared parameters, in the order SES reports their shape violations. */
    List<ActionParameter> parameters();

    /**
     * Service-level checks of one action (ARN syntax, header names, bounce fields and, when
     * {@link ValidationContext#checkTargets()}, that the target exists and is usable). Shape checks
     * (required members, enum values) were already done from {@link #parameters()}; defaults are filled in.
     */
    void validate(ActionSpec action, ValidationContext context) throws ActionValidationException;

    /** Runs the action on a received message. Throwing means the action failed and will be retried. */
    default ActionOutcome execute(ActionSpec action, ActionContext context) throws Exception {
        throw new UnsupportedOperationException(type() + " cannot run yet");
    }

    @Override
    default void close() {
    }
}
