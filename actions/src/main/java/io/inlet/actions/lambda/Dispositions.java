package io.inlet.actions.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.rules.spi.ActionOutcome;

/**
 * Reads a RequestResponse result the way SES does (Part 2 §3.3): {@code STOP_RULE} and
 * {@code STOP_RULE_SET} steer the flow; CONTINUE, any other value, no disposition, a null result
 * or a result that is not JSON at all all continue.
 */
public final class Dispositions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Dispositions() {
    }

    public static ActionOutcome of(String result) {
        if (result == null || result.isBlank()) {
            return ActionOutcome.CONTINUE;
        }
        JsonNode disposition;
        try {
            JsonNode root = JSON.readTree(result);
            disposition = root == null ? null : root.get("disposition");
        } catch (JsonProcessingException e) {
            return ActionOutcome.CONTINUE;
        }
        if (disposition == null || !disposition.isTextual()) {
            return ActionOutcome.CONTINUE;
        }
        return switch (disposition.textValue()) {
            case "STOP_RULE" -> ActionOutcome.STOP_RULE;
            case "STOP_RULE_SET" -> ActionOutcome.STOP_RULE_SET;
            default -> ActionOutcome.CONTINUE;
        };
    }
}
