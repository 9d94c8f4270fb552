package io.inlet.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code inlet queue replay}: puts dead-lettered messages back in the queue. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Put dead-lettered messages back in the queue: processing resumes at each one's first"
                + " unfinished action (actions already done are not repeated).",
                "Exit status 1 when any named message is not dead-lettered."})
final class QueueReplayCommand extends ClientCommand {

    static final class Which {
        @Parameters(paramLabel = "ID", arity = "1..*", description = "Dead-lettered message IDs.")
        List<String> ids;

        @Option(names = "--all", required = true, description = "Every dead-lettered message.")
        boolean all;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    @Override
    int execute() {
        InspectionClient api = new InspectionClient(connection());
        int failed = 0;
        int replayed = 0;
        if (which.all) {
            Set<String> seen = new LinkedHashSet<>();
            while (true) {
                List<String> batch = new ArrayList<>();
                JsonNode dead = api.get("/_inlet/dead-letters", Map.of("limit", Integer.toString(QueueListCommand.MAX_LIMIT)));
                dead.path("deadLetters").forEach(d -> {
                    if (seen.add(d.path("messageId").asText())) {
                        batch.add(d.path("messageId").asText());
                    }
                });
                if (batch.isEmpty()) {
                    break;
                }
                for (String id : batch) {
                    if (replay(api, id, true)) {
                        replayed++;
                    }
                }
            }
        } else {
            for (String id : which.ids) {
                if (replay(api, id.trim(), false)) {
                    replayed++;
                } else {
                    failed++;
                }
            }
        }
        out().println(replayed + " message" + (replayed == 1 ? "" : "s") + " replayed");
        return failed == 0 ? 0 : CliException.FAILED;
    }

    /** True when replayed; reports a message that is not dead-lettered (quietly under --all: replayed meanwhile). */
    private boolean replay(InspectionClient api, String id, boolean quiet) {
        String path = "/_inlet/dead-letters/" + InspectionClient.segment(id) + "/replay";
        InspectionClient.Response r = api.send("POST", path, Map.of());
        if (r.status() == 202) {
            out().println("replayed " + id + ": queued again");
            return true;
        }
        if (r.status() == 404 && "MessageNotFound".equals(r.errorCode())) {
            if (!quiet) {
                err().println("inlet: " + id + " is not dead-lettered (no such message, or it is queued or processed)");
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
