package io.inlet.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code inlet queue purge}: deletes messages for good. Nothing is asked interactively: either the
 * IDs are named, or {@code --all} (with the optional filters) is the explicit confirmation.
 */
@Command(name = "purge", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Delete messages for good, in whatever state (a queued message's remaining actions never run).",
                "Either name the IDs, or give --all, optionally narrowed by --state and --recipient:"
                        + " 'inlet queue purge --state dead --all' deletes every dead letter. Nothing is asked.",
                "Exit status 1 when any named message does not exist."})
final class QueuePurgeCommand extends ClientCommand {

    static final class Which {
        @Parameters(paramLabel = "ID", arity = "1..*", description = "Message IDs.")
        List<String> ids;

        @ArgGroup(exclusive = false)
        All all;
    }

    static final class All {
        @Option(names = "--all", required = true, description = "Every message matching --state/--recipient"
                + " (every message when neither is given).")
        boolean all;

        @Option(names = "--state", paramLabel = "STATE", description = "With --all: only messages in this state"
                + " (queued, processed or dead).")
        String state;

        @Option(names = "--recipient", paramLabel = "ADDRESS", description = "With --all: only messages with this"
                + " envelope recipient.")
        String recipient;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    @Override
    int execute() {
        if (which.all != null) {
            MessageStates.parse(which.all.state); // a usage error before anything is deleted
        }
        InspectionClient api = new InspectionClient(connection());
        int deleted = 0;
        int failed = 0;
        if (which.ids != null) {
            for (String id : which.ids) {
                if (delete(api, id.trim(), false)) {
                    deleted++;
                } else {
                    failed++;
                }
            }
        } else {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("state", MessageStates.parse(which.all.state));
            query.put("recipient", which.all.recipient == null || which.all.recipient.isBlank() ? null : which.all.recipient.trim());
            query.put("limit", Integer.toString(QueueListCommand.MAX_LIMIT));
            Set<String> seen = new HashSet<>();
            while (true) {
                List<String> batch = new ArrayList<>();
                JsonNode list = api.get("/_inlet/messages", query);
                list.path("messages").forEach(m -> {
                    if (seen.add(m.path("messageId").asText())) {
                        batch.add(m.path("messageId").asText());
                    }
                });
                if (batch.isEmpty()) {
                    break;
                }
                for (String id : batch) {
                    if (delete(api, id, true)) {
                        deleted++;
                    }
                }
            }
        }
        out().println(deleted + " message" + (deleted == 1 ? "" : "s") + " deleted");
        return failed == 0 ? 0 : CliException.FAILED;
    }

    /** True when deleted; a message gone meanwhile is quietly skipped under --all. */
    private boolean delete(InspectionClient api, String id, boolean quiet) {
        String path = "/_inlet/messages/" + InspectionClient.segment(id);
        InspectionClient.Response r = api.send("DELETE", path, Map.of());
        if (r.status() == 204 || r.status() == 200) {
            out().println("deleted " + id);
            return true;
        }
        if (r.status() == 404 && "MessageNotFound".equals(r.errorCode())) {
            if (!quiet) {
                err().println("inlet: no message " + id);
            }
            return false;
        }
        if (!quiet) {
            err().println("inlet: " + id + ": " + api.failure(r, path).getMessage());
            return false;
        }
        throw api.failure(r, path);
    }
}
