package io.inlet.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code inlet queue list}: the newest messages, optionally of one state or for one recipient. */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List messages, newest first: ID, state, when received, size, sender, recipients"
                + " (and, for dead letters, why processing gave up)."})
final class QueueListCommand extends ClientCommand {
    static final int MAX_LIMIT = 1000;

    @Option(names = "--state", paramLabel = "STATE", description = "Only messages in this state: queued, processed or dead.")
    String state;

    @Option(names = "--recipient", paramLabel = "ADDRESS", description = "Only messages with this envelope recipient"
            + " (exact address, any case).")
    String recipient;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N messages, 1 to 1000"
            + " (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print the API's JSON answer as it is.")
    boolean json;

    @Override
    int execute() {
        String st = MessageStates.parse(state);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new CliException("--limit must be from 1 to " + MAX_LIMIT + ": " + limit, 2);
        }
        InspectionClient api = new InspectionClient(connection());
        Map<String, String> query = new LinkedHashMap<>();
        query.put("state", st);
        query.put("recipient", recipient == null || recipient.isBlank() ? null : recipient.trim());
        query.put("limit", Integer.toString(limit));
        JsonNode answer = api.get("/_inlet/messages", query);
        if (json) {
            out().println(answer.toPrettyString());
            return 0;
        }
        boolean withReason = "dead".equals(st);
        Map<String, String> reasons = withReason ? deadReasons(api) : Map.of();
        List<String[]> rows = new ArrayList<>();
        rows.add(withReason
                ? new String[]{"ID", "STATE", "RECEIVED", "SIZE", "FROM", "TO", "REASON"}
                : new String[]{"ID", "STATE", "RECEIVED", "SIZE", "FROM", "TO"});
        for (JsonNode m : answer.path("messages")) {
            String id = m.path("messageId").asText();
            List<String> to = new ArrayList<>();
            m.path("recipients").forEach(r -> to.add(r.asText()));
            String from = m.path("mailFrom").asText();
            List<String> row = new ArrayList<>(List.of(id, m.path("state").asText().toLowerCase(Locale.ROOT),
                    seconds(m.path("receivedAt").asText()), m.path("size").asText(),
                    from.isEmpty() ? "<>" : from, String.join(",", to)));
            if (withReason) {
                row.add(reasons.getOrDefault(id, ""));
            }
            rows.add(row.toArray(String[]::new));
        }
        if (rows.size() == 1) {
            out().println("no messages" + describe(st));
            return 0;
        }
        Table.print(out(), rows);
        if (rows.size() - 1 == limit) {
            out().println("(the newest " + limit + "; --limit shows more, up to " + MAX_LIMIT + ")");
        }
        return 0;
    }

    private String describe(String st) {
        StringBuilder sb = new StringBuilder();
        if (st != null) {
            sb.append(" in state ").append(st);
        }
        if (recipient != null && !recipient.isBlank()) {
            sb.append(" for ").append(recipient.trim());
        }
        return sb.toString();
    }

    private static Map<String, String> deadReasons(InspectionClient api) {
        Map<String, String> reasons = new HashMap<>();
        JsonNode dead = api.get("/_inlet/dead-letters", Map.of("limit", Integer.toString(MAX_LIMIT)));
        dead.path("deadLetters").forEach(d -> reasons.put(d.path("messageId").asText(), oneLine(d.path("reason").asText())));
        return reasons;
    }

    /** The reason on one line, whole: it is the last column, and its end names the cause. */
    static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }

    /** An instant to the second, for tables; anything unparsable as it is. */
    static String seconds(String instant) {
        try {
            return Instant.parse(instant).truncatedTo(ChronoUnit.SECONDS).toString();
        } catch (DateTimeParseException e) {
            return instant;
        }
    }
}
