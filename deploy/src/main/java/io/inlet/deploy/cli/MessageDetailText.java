package io.inlet.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The human-readable form of a message detail ({@code GET /_inlet/messages/{id}}). */
final class MessageDetailText {
    private MessageDetailText() {
    }

    static void print(JsonNode m, PrintWriter out) {
        JsonNode envelope = m.path("envelope");
        JsonNode processing = m.path("processing");
        field(out, "Message", m.path("messageId").asText());
        field(out, "State", m.path("state").asText().toLowerCase(Locale.ROOT));
        field(out, "Received", text(m.path("receivedAt")) + by(envelope) + ", " + m.path("size").asLong() + " bytes"
                + " (configuration version " + m.path("snapshotVersion").asText() + ")");
        String tls = envelope.path("tlsProtocol").isTextual()
                ? envelope.path("tlsProtocol").asText() + " " + text(envelope.path("tlsCipher")) : "no TLS";
        field(out, "Client", text(envelope.path("clientAddress")) + ", HELO " + text(envelope.path("helo")) + ", " + tls);
        field(out, "From", "<" + envelope.path("mailFrom").asText() + ">");
        field(out, "To", join(envelope.path("recipients")));
        field(out, "Verdicts", verdicts(processing.path("verdicts")));
        int attempts = processing.path("attempts").asInt();
        field(out, "Attempts", attempts == 0 ? "no failed attempt" : attempts + " failed attempt" + (attempts == 1 ? "" : "s"));
        if (processing.path("lastError").isTextual()) {
            field(out, "Last error", processing.path("lastError").asText() + " (at " + text(processing.path("lastErrorAt")) + ")");
        }
        JsonNode dead = m.path("deadLetter");
        if (dead.isObject()) {
            field(out, "Dead since", text(dead.path("deadAt")) + ": " + dead.path("reason").asText());
        } else if (processing.path("deadLetteredAt").isTextual()) {
            field(out, "Dead-lettered", text(processing.path("deadLetteredAt")) + ", then replayed");
        }
        JsonNode plans = m.path("plans");
        if (plans.isEmpty()) {
            out.println();
            out.println("No rule applied.");
        }
        for (JsonNode plan : plans) {
            out.println();
            out.println("Rules of account " + plan.path("accountId").asText() + " in " + plan.path("region").asText()
                    + ", rule set " + plan.path("ruleSetName").asText() + ":");
            for (JsonNode rule : plan.path("rules")) {
                printRule(rule, out);
            }
        }
    }

    private static void printRule(JsonNode rule, PrintWriter out) {
        List<String> facts = new ArrayList<>();
        facts.add("position " + (rule.path("index").asInt() + 1));
        facts.add("recipients " + (rule.path("recipients").isEmpty() ? "(all of its verified domains)" : join(rule.path("recipients"))));
        facts.add("matched " + join(rule.path("matchedRecipients")));
        if ("Require".equals(rule.path("tlsPolicy").asText())) {
            facts.add("TLS required");
        }
        if (rule.path("scanEnabled").asBoolean()) {
            facts.add("scan enabled");
        }
        out.println("  " + rule.path("name").asText() + "  [" + String.join("; ", facts) + "]");
        if (rule.path("actions").isEmpty()) {
            out.println("    (no actions)");
        }
        for (JsonNode action : rule.path("actions")) {
            out.println("    " + action.path("type").asText() + parameters(action.path("parameters")) + ": " + status(action));
            if (action.path("lastError").isTextual()) {
                out.println("      last error: " + action.path("lastError").asText());
            }
        }
    }

    private static String status(JsonNode action) {
        String state = action.path("state").asText();
        List<String> parts = new ArrayList<>();
        parts.add(state);
        if (action.path("outcome").isTextual()) {
            parts.add(action.path("outcome").asText());
        }
        if (action.path("millis").isNumber()) {
            parts.add(action.path("millis").asLong() + " ms");
        }
        int attempts = action.path("attempts").asInt();
        if ("DONE".equals(state)) {
            parts.add(attempts + " attempt" + (attempts == 1 ? "" : "s"));
        } else if (attempts > 0) {
            parts.add(attempts + " failed attempt" + (attempts == 1 ? "" : "s"));
        }
        if (action.path("finishedAt").isTextual()) {
            parts.add("finished " + action.path("finishedAt").asText());
        }
        return String.join(", ", parts);
    }

    private static String parameters(JsonNode parameters) {
        if (!parameters.isObject() || parameters.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = parameters.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            parts.add(f.getKey() + "=" + f.getValue().asText());
        }
        return " " + String.join(" ", parts);
    }

    private static String verdicts(JsonNode v) {
        if (!v.isObject()) {
            return "not computed yet";
        }
        String s = "SPF " + v.path("spf").asText() + ", DKIM " + v.path("dkim").asText() + ", DMARC " + v.path("dmarc").asText()
                + ", spam " + v.path("spam").asText() + ", virus " + v.path("virus").asText();
        if (v.path("dmarcPolicy").isTextual()) {
            s += " (DMARC policy " + v.path("dmarcPolicy").asText() + ")";
        }
        return s;
    }

    private static String by(JsonNode envelope) {
        return envelope.path("receivedBy").isTextual() && !envelope.path("receivedBy").asText().isEmpty()
                ? " by " + envelope.path("receivedBy").asText() : "";
    }

    private static String join(JsonNode list) {
        List<String> items = new ArrayList<>();
        list.forEach(n -> items.add(n.asText()));
        return items.isEmpty() ? "(none)" : String.join(", ", items);
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? "?" : node.asText();
    }

    private static void field(PrintWriter out, String name, String value) {
        out.println(String.format("%-14s%s", name, value));
    }
}
