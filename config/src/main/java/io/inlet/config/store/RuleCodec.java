package io.inlet.config.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.ReceiptAction;
import io.inlet.rules.ReceiptRule;
import io.inlet.rules.TlsPolicy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ReceiptRule} as a JSON document, the form every store keeps rules in. The format is
 * written by hand with the tree model (not record binding) so renaming a Java field can never change
 * what is on disk; {@code "v"} names the format version for future migrations. Every list and map
 * keeps its order: actions, the members of one action, the parameters of a member, recipients.
 *
 * <pre>{"v":1,"name":"r","enabled":true,"tlsPolicy":"Optional","scanEnabled":false,
 *  "recipients":["example.com"],
 *  "actions":[{"members":[{"type":"S3Action","parameters":{"BucketName":"b"}}]}]}</pre>
 */
public final class RuleCodec {

    public static final int FORMAT_VERSION = 1;

    // ObjectMapper is thread-safe once configured; the tree model keeps field order as parsed.
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RuleCodec() {
    }

    public static String encode(ReceiptRule rule) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("v", FORMAT_VERSION);
        root.put("name", rule.name());
        root.put("enabled", rule.enabled());
        root.put("tlsPolicy", rule.tlsPolicy().name());
        root.put("scanEnabled", rule.scanEnabled());
        ArrayNode recipients = root.putArray("recipients");
        rule.recipients().forEach(recipients::add);
        ArrayNode actions = root.putArray("actions");
        for (ReceiptAction action : rule.actions()) {
            ArrayNode members = actions.addObject().putArray("members");
            for (ActionSpec spec : action.members()) {
                ObjectNode member = members.addObject();
                member.put("type", spec.type());
                ObjectNode params = member.putObject("parameters");
                spec.parameters().forEach(params::put);
            }
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode rule " + rule.name(), e);
        }
    }

    /** @throws IllegalArgumentException when the text is not a rule document of a known version */
    public static ReceiptRule decode(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed rule JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("rule JSON is not an object");
        }
        int version = root.path("v").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException("unsupported rule format version " + root.get("v"));
        }
        List<String> recipients = new ArrayList<>();
        root.path("recipients").forEach(r -> recipients.add(r.asText()));
        List<ReceiptAction> actions = new ArrayList<>();
        for (JsonNode action : root.path("actions")) {
            List<ActionSpec> members = new ArrayList<>();
            for (JsonNode member : action.path("members")) {
                members.add(new ActionSpec(required(member, "type"), parameters(member.path("parameters"))));
            }
            actions.add(new ReceiptAction(members));
        }
        return new ReceiptRule(
                required(root, "name"),
                root.path("enabled").asBoolean(false),
                TlsPolicy.valueOf(root.path("tlsPolicy").asText(TlsPolicy.Optional.name())),
                root.path("scanEnabled").asBoolean(false),
                recipients,
                actions);
    }

    private static Map<String, String> parameters(JsonNode node) {
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            params.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
        }
        return params;
    }

    private static String required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("rule JSON lacks \"" + field + "\"");
        }
        return value.asText();
    }
}
