package io.inlet.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code inlet queue outbound list|show|replay|purge}: the daemon's outbound queue (the DSNs it
 * sends), through {@code /_inlet/outbound}.
 */
@Command(name = "outbound", mixinStandardHelpOptions = true,
        description = {"Inspect and manage the outbound queue of a running Inlet (DSNs being delivered:"
                + " active, deferred and dead entries)."},
        subcommands = {QueueOutboundCommand.List.class, QueueOutboundCommand.Show.class,
                QueueOutboundCommand.Replay.class, QueueOutboundCommand.Purge.class})
final class QueueOutboundCommand implements Runnable {
    static final String PATH = "/_inlet/outbound";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing required subcommand (list, show, replay, purge)");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"List outbound entries: ID, state, attempts, next attempt, sender, recipients, last reply."})
    static final class List extends ClientCommand {
        @Option(names = "--state", paramLabel = "STATE", description = "Only entries in this state: active, deferred or dead.")
        String state;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N entries, 1 to 1000"
                + " (default ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--json", description = "Print the API's JSON answer as it is.")
        boolean json;

        @Override
        int execute() {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("state", state == null || state.isBlank() ? null : state.trim());
            query.put("limit", Integer.toString(limit));
            JsonNode answer = new InspectionClient(connection()).get(PATH, query);
            if (json) {
                out().println(answer.toPrettyString());
                return 0;
            }
            java.util.List<String[]> rows = new ArrayList<>();
            rows.add(new String[]{"ID", "STATE", "ATTEMPTS", "NEXT", "FROM", "TO", "LAST REPLY"});
            for (JsonNode e : answer.path("entries")) {
                java.util.List<String> to = new ArrayList<>();
                e.path("recipients").forEach(r -> to.add(r.path("address").asText()));
                String from = e.path("mailFrom").asText();
                rows.add(new String[]{e.path("id").asText(), e.path("state").asText().toLowerCase(java.util.Locale.ROOT),
                        e.path("attempts").asText(), e.path("nextAttempt").asText(""), from.isEmpty() ? "<>" : from,
                        String.join(",", to), e.path("lastReply").asText("")});
            }
            if (rows.size() == 1) {
                out().println("no outbound entries" + (query.get("state") == null ? "" : " in state " + query.get("state")));
                return 0;
            }
            Table.print(out(), rows);
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Show one outbound entry as JSON: envelope, each recipient's status and reply, attempts."})
    static final class Show extends ClientCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Outbound queue ID.")
        String id;

        @Override
        int execute() {
            out().println(request(this, "GET", id, "").json().toPrettyString());
            return 0;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = {"Put a dead entry back into delivery (its failed recipients pending again)."})
    static final class Replay extends ClientCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Outbound queue ID (of a dead entry).")
        String id;

        @Override
        int execute() {
            request(this, "POST", id, "/replay");
            out().println("replayed " + id.trim() + ": delivering again");
            return 0;
        }
    }

    @Command(name = "purge", mixinStandardHelpOptions = true,
            description = {"Delete an outbound entry in any state (it is not delivered)."})
    static final class Purge extends ClientCommand {
        @Parameters(index = "0", paramLabel = "ID", description = "Outbound queue ID.")
        String id;

        @Override
        int execute() {
            request(this, "DELETE", id, "");
            out().println("purged " + id.trim());
            return 0;
        }
    }

    /** One request on an entry; a 404 reads as "no such entry", anything else unexpected as the API's error. */
    private static InspectionClient.Response request(ClientCommand command, String method, String id, String suffix) {
        InspectionClient api = new InspectionClient(command.connection());
        String path = PATH + "/" + InspectionClient.segment(id.trim()) + suffix;
        InspectionClient.Response r = api.send(method, path, Map.of());
        if (r.status() == 404 && "MessageNotFound".equals(r.errorCode())) {
            throw new CliException(r.errorMessage());
        }
        if (r.status() / 100 != 2) {
            throw api.failure(r, path);
        }
        return r;
    }
}
