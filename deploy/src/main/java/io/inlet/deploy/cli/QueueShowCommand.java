package io.inlet.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Map;

/** {@code inlet queue show ID}: everything the daemon knows about one message, short of its bytes. */
@Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show one message: envelope, state, the rules that applied with each action's outcome,"
                + " timing and errors, verdicts, and why it was dead-lettered."})
final class QueueShowCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "Message ID (as in the SMTP 250 reply and queue list).")
    String id;

    @Option(names = "--json", description = "Print the API's JSON answer as it is.")
    boolean json;

    @Override
    int execute() {
        InspectionClient api = new InspectionClient(connection());
        String path = "/_inlet/messages/" + InspectionClient.segment(id.trim());
        InspectionClient.Response r = api.send("GET", path, Map.of());
        if (r.status() == 404 && "MessageNotFound".equals(r.errorCode())) {
            throw new CliException("no message " + id.trim() + " (never received, or deleted or pruned since)");
        }
        if (r.status() != 200) {
            throw api.failure(r, path);
        }
        JsonNode detail = r.json();
        if (json) {
            out().println(detail.toPrettyString());
        } else {
            MessageDetailText.print(detail, out());
        }
        return 0;
    }
}
