package io.inlet.config.identity.policies;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.config.api.SesException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The IAM policy grammar SES accepts for sending authorization (developer guide, "sending
 * authorization policy anatomy"): {@code Version} (2012-10-17 or 2008-10-17), optional {@code Id},
 * and {@code Statement} (one object or a non-empty list), each with an optional unique {@code Sid},
 * {@code Effect} Allow|Deny, {@code Principal} ("*", or {@code AWS} account ids / IAM ARNs, or
 * {@code Service}), {@code Action} (SES sending actions, wildcards allowed), {@code Resource} (the
 * identity's own ARN) and an optional {@code Condition}. A violation is {@code InvalidPolicy}
 * (reference, PutIdentityPolicy) with a message naming the statement and element; SES's own texts
 * were not captured.
 */
final class PolicyGrammar {
    /** "The policy cannot exceed 4 KB" (reference); counted in UTF-8 bytes. */
    static final int MAX_BYTES = 4096;

    static final List<String> SENDING_ACTIONS =
            List.of("ses:SendEmail", "ses:SendRawEmail", "ses:SendTemplatedEmail", "ses:SendBulkTemplatedEmail");
    private static final Set<String> VERSIONS = Set.of("2012-10-17", "2008-10-17");
    private static final Set<String> POLICY_ELEMENTS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_ELEMENTS =
            Set.of("Sid", "Effect", "Principal", "Action", "Resource", "Condition");
    private static final Set<String> UNSUPPORTED = Set.of("NotPrincipal", "NotAction", "NotResource");
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
    private static final Pattern IAM_ARN = Pattern.compile("arn:(aws|aws-cn|aws-us-gov):(iam|sts)::[0-9]{12}:.+");
    private static final Pattern SERVICE = Pattern.compile("[a-z0-9.-]+\\.amazonaws\\.com(\\.cn)?");
    private static final Pattern CONDITION_KEY = Pattern.compile("[A-Za-z0-9-]+:[A-Za-z0-9_./:-]+");
    private static final String FOR_ANY = "ForAnyValue:";
    private static final String FOR_ALL = "ForAllValues:";
    private static final String IF_EXISTS = "IfExists";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final String identityArn;

    private PolicyGrammar(String identityArn) {
        this.identityArn = identityArn;
    }

    /**
     * The policy as put on the identity with ARN {@code identityArn} (its Resource must be that
     * ARN), or {@code InvalidPolicy}.
     */
    static Policy validate(String json, String identityArn) {
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw invalid("Policy exceeds the maximum size of 4 KB (" + MAX_BYTES + " bytes).");
        }
        return new PolicyGrammar(identityArn).policy(parse(json));
    }

    /** A stored policy for evaluation: validated when it was put, so its Resource is not re-checked. */
    static Policy parseStored(String json) {
        return new PolicyGrammar(null).policy(parse(json));
    }

    static SesException invalid(String message) {
        return SesException.sender("InvalidPolicy", message);
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.isObject()) {
                throw invalid("Policy must be a JSON object.");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw invalid("Policy is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")"));
        }
    }

    private Policy policy(JsonNode root) {
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!POLICY_ELEMENTS.contains(name)) {
                throw invalid("Policy has an unknown element: " + name + ".");
            }
        }
        JsonNode version = root.get("Version");
        if (version != null && !(version.isTextual() && VERSIONS.contains(version.asText()))) {
            throw invalid("Policy has an invalid Version: " + version + ". Valid values are 2012-10-17 and 2008-10-17.");
        }
        JsonNode id = root.get("Id");
        if (id != null && !id.isTextual()) {
            throw invalid("Policy Id must be a string.");
        }
        JsonNode statements = root.get("Statement");
        if (statements == null || (statements.isArray() && statements.isEmpty())) {
            throw invalid("Policy must contain at least one Statement.");
        }
        List<JsonNode> each = new ArrayList<>();
        if (statements.isArray()) {
            statements.forEach(each::add);
        } else {
            each.add(statements);
        }
        List<Statement> out = new ArrayList<>();
        Set<String> sids = new HashSet<>();
        for (int i = 0; i < each.size(); i++) {
            Statement s = statement(each.get(i), i + 1);
            if (s.sid() != null && !sids.add(s.sid())) {
                throw invalid("Statement ids (Sid) must be unique within a policy: " + s.sid() + ".");
            }
            out.add(s);
        }
        return new Policy(List.copyOf(out));
    }

    private Statement statement(JsonNode node, int n) {
        String where = "Statement " + n;
        if (!node.isObject()) {
            throw invalid(where + " must be a JSON object.");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (UNSUPPORTED.contains(name)) {
                throw invalid(where + ": " + name + " is not supported in sending authorization policies.");
            }
            if (!STATEMENT_ELEMENTS.contains(name)) {
                throw invalid(where + " has an unknown element: " + name + ".");
            }
        }
        JsonNode sidNode = node.get("Sid");
        if (sidNode != null && !sidNode.isTextual()) {
            throw invalid(where + ": Sid must be a string.");
        }
        String sid = sidNode == null ? null : sidNode.asText();
        if (sid != null) {
            where = where + " (" + sid + ")";
        }
        JsonNode effect = node.get("Effect");
        if (effect == null || !effect.isTextual() || !Set.of("Allow", "Deny").contains(effect.asText())) {
            throw invalid(where + ": Effect must be Allow or Deny.");
        }
        Principals principals = principals(node.get("Principal"), where);
        List<String> actions = strings(node.get("Action"), where, "Action");
        for (String action : actions) {
            if (!isSendingAction(action)) {
                throw invalid(where + ": invalid Action " + action + ". Sending authorization policies allow "
                        + String.join(", ", SENDING_ACTIONS) + " (wildcards allowed).");
            }
        }
        List<String> resources = strings(node.get("Resource"), where, "Resource");
        if (identityArn != null) {
            for (String resource : resources) {
                if (!sameIdentity(resource)) {
                    throw invalid(where + ": invalid Resource " + resource + ". The Resource must be the ARN of the "
                            + "identity the policy is attached to: " + identityArn + ".");
                }
            }
        }
        List<Condition> conditions = conditions(node.get("Condition"), where);
        return new Statement(sid, "Allow".equals(effect.asText()), principals.anyone, principals.aws,
                principals.services, actions, resources, conditions);
    }

    private record Principals(boolean anyone, List<String> aws, List<String> services) {
    }

    private Principals principals(JsonNode node, String where) {
        if (node == null) {
            throw invalid(where + ": Principal is required.");
        }
        if (node.isTextual() && "*".equals(node.asText())) {
            return new Principals(true, List.of(), List.of());
        }
        if (!node.isObject() || node.isEmpty()) {
            throw invalid(where + ": Principal must be \"*\" or an object with AWS or Service principals.");
        }
        List<String> aws = List.of();
        List<String> services = List.of();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            switch (e.getKey()) {
                case "AWS" -> {
                    aws = strings(e.getValue(), where, "Principal AWS");
                    for (String p : aws) {
                        if (!p.equals("*") && !ACCOUNT.matcher(p).matches() && !IAM_ARN.matcher(p).matches()) {
                            throw invalid(where + ": invalid principal " + p
                                    + ". Use \"*\", a 12-digit account id or an IAM ARN.");
                        }
                    }
                }
                case "Service" -> {
                    services = strings(e.getValue(), where, "Principal Service");
                    for (String s : services) {
                        if (!SERVICE.matcher(s).matches()) {
                            throw invalid(where + ": invalid service principal " + s + ".");
                        }
                    }
                }
                default -> throw invalid(where + ": unsupported principal type " + e.getKey()
                        + ". Use AWS or Service.");
            }
        }
        return new Principals(aws.contains("*"), aws, services);
    }

    private List<Condition> conditions(JsonNode node, String where) {
        if (node == null) {
            return List.of();
        }
        if (!node.isObject()) {
            throw invalid(where + ": Condition must be a JSON object.");
        }
        List<Condition> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> ops = node.fields(); ops.hasNext(); ) {
            Map.Entry<String, JsonNode> op = ops.next();
            String name = op.getKey();
            Condition.Qualifier qualifier = Condition.Qualifier.NONE;
            if (name.startsWith(FOR_ANY)) {
                qualifier = Condition.Qualifier.FOR_ANY_VALUE;
                name = name.substring(FOR_ANY.length());
            } else if (name.startsWith(FOR_ALL)) {
                qualifier = Condition.Qualifier.FOR_ALL_VALUES;
                name = name.substring(FOR_ALL.length());
            }
            boolean ifExists = name.endsWith(IF_EXISTS) && !name.equals(IF_EXISTS);
            String base = ifExists ? name.substring(0, name.length() - IF_EXISTS.length()) : name;
            boolean isNull = base.equals("Null") && !ifExists && qualifier == Condition.Qualifier.NONE;
            ConditionOperator operator = isNull ? null : ConditionOperator.named(base)
                    .orElseThrow(() -> invalid(where + ": unknown condition operator " + op.getKey() + "."));
            if (!op.getValue().isObject() || op.getValue().isEmpty()) {
                throw invalid(where + ": condition " + op.getKey() + " must map condition keys to values.");
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> key = keys.next();
                if (!CONDITION_KEY.matcher(key.getKey()).matches()) {
                    throw invalid(where + ": invalid condition key " + key.getKey() + ".");
                }
                List<String> values = scalars(key.getValue(), where, op.getKey() + " " + key.getKey());
                for (String v : values) {
                    String problem = operator == null
                            ? ("true".equalsIgnoreCase(v) || "false".equalsIgnoreCase(v) ? null : "is not true or false")
                            : operator.invalidPolicyValue(v);
                    if (problem != null) {
                        throw invalid(where + ": condition " + op.getKey() + " " + key.getKey() + ": value " + v
                                + " " + problem + ".");
                    }
                }
                out.add(new Condition(qualifier, operator, ifExists, key.getKey(), values));
            }
        }
        return List.copyOf(out);
    }

    /** A required string or non-empty list of non-empty strings. */
    private static List<String> strings(JsonNode node, String where, String element) {
        if (node == null) {
            throw invalid(where + ": " + element + " is required.");
        }
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        if (items.isEmpty()) {
            throw invalid(where + ": " + element + " must not be empty.");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : items) {
            if (!item.isTextual() || item.asText().isEmpty()) {
                throw invalid(where + ": " + element + " must be a non-empty string or a list of them.");
            }
            out.add(item.asText());
        }
        return List.copyOf(out);
    }

    /** Condition values: strings, numbers or booleans, alone or in a non-empty list. */
    private static List<String> scalars(JsonNode node, String where, String element) {
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        if (items.isEmpty()) {
            throw invalid(where + ": condition " + element + " has no values.");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : items) {
            if (!item.isValueNode() || item.isNull()) {
                throw invalid(where + ": condition " + element + " values must be strings, numbers or booleans.");
            }
            out.add(item.asText());
        }
        return List.copyOf(out);
    }

    /** "ses:SendEmail", "ses:Send*", "SES:sendrawemail", "*": it has to name at least one sending action. */
    private static boolean isSendingAction(String pattern) {
        return SENDING_ACTIONS.stream().anyMatch(a -> Wildcards.matches(pattern, a, true));
    }

    private boolean sameIdentity(String resource) {
        int cut = identityArn.indexOf(":identity/") + ":identity/".length();
        int at = resource.indexOf(":identity/");
        if (at < 0) {
            return false;
        }
        String prefix = resource.substring(0, at + ":identity/".length());
        String identity = resource.substring(at + ":identity/".length());
        return prefix.equals(identityArn.substring(0, cut))
                && io.inlet.config.identity.IdentityReferences.normalize(identity).equals(identityArn.substring(cut));
    }
}
