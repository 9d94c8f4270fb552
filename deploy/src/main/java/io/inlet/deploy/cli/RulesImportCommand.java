package io.inlet.deploy.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ses.SesClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** {@code inlet rules import FILE}: makes the daemon's receipt configuration match a document. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Make the receipt configuration of the account and region match a document written by"
                + " 'inlet rules export' (or by hand). Idempotent: a second run changes nothing.",
                "Each object is reported as created, updated, deleted, unchanged or kept (absent from the document"
                        + " and left alone). Rules of a rule set in the document are synchronised: created, updated,"
                        + " deleted when absent, put in the document's order. Rule sets, filters and identities absent"
                        + " from the document are kept unless --prune.",
                "Exit status: 0 done (or nothing to do), 1 the document or the daemon refused (changes made before"
                        + " the failure are reported), 2 usage."})
final class RulesImportCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The document, YAML or JSON ('-' for standard input).")
    String file;

    @Option(names = "--dry-run", description = "Report what would change; change nothing.")
    boolean dryRun;

    @Option(names = "--prune", description = "Also delete the rule sets, filters and identities absent from the document"
            + " (the document is then the complete configuration of the region).")
    boolean prune;

    @Override
    int execute() throws IOException {
        RulesDocument wanted = RulesDocument.parse(read(), "-".equals(file) ? "standard input" : file);
        Connection connection = connection();
        try (SesClient ses = connection.ses()) {
            RulesDocument current;
            try {
                current = ReceiptConfigurationReader.read(ses);
            } catch (SdkException e) {
                throw connection.translate(e, "reading the receipt configuration");
            }
            List<RulesSync.Step> steps = RulesSync.plan(wanted, current, prune, SdkActions.declaredDefaults());
            Map<RulesSync.Status, Integer> counts = new EnumMap<>(RulesSync.Status.class);
            for (RulesSync.Step step : steps) {
                if (!dryRun && step.calls() != null) {
                    try {
                        step.calls().accept(ses);
                    } catch (SdkException e) {
                        out().println(summary(counts, false));
                        throw connection.translate(e, step.doing());
                    }
                }
                if (step.change() != null) {
                    out().println(step.change().line());
                    counts.merge(step.change().status(), 1, Integer::sum);
                }
            }
            out().println(summary(counts, dryRun));
        }
        return 0;
    }

    private String read() throws IOException {
        if ("-".equals(file)) {
            return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException(file + ": no such file");
        }
    }

    static String summary(Map<RulesSync.Status, Integer> counts, boolean dryRun) {
        int created = counts.getOrDefault(RulesSync.Status.CREATED, 0);
        int updated = counts.getOrDefault(RulesSync.Status.UPDATED, 0);
        int deleted = counts.getOrDefault(RulesSync.Status.DELETED, 0);
        int unchanged = counts.getOrDefault(RulesSync.Status.UNCHANGED, 0);
        int kept = counts.getOrDefault(RulesSync.Status.KEPT, 0);
        StringBuilder sb = new StringBuilder();
        if (created + updated + deleted == 0) {
            sb.append("no changes (").append(unchanged).append(" unchanged");
        } else {
            sb.append(dryRun ? "would change: " : "changed: ").append(created).append(" created, ").append(updated)
                    .append(" updated, ").append(deleted).append(" deleted (").append(unchanged).append(" unchanged");
        }
        if (kept > 0) {
            sb.append(", ").append(kept).append(" kept: not in the document, --prune deletes them");
        }
        sb.append(")");
        if (dryRun) {
            sb.append("; dry run: nothing was changed");
        }
        return sb.toString();
    }
}
