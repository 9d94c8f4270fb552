package io.inlet.deploy.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ses.SesClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/** {@code inlet rules export}: the receipt configuration as one document. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write the receipt configuration of the account and region (identities, IP filters, every rule"
                + " set with its rules in order, which one is active) as one YAML or JSON document.",
                "Sorted by name (rules keep their order), so that two exports of the same configuration are identical."})
final class RulesExportCommand extends ClientCommand {

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE (default: standard output).")
    Path output;

    @Option(names = "--format", paramLabel = "FORMAT", description = "yaml or json (default: json when FILE ends"
            + " in .json, else yaml).")
    String format;

    @Override
    int execute() throws IOException {
        RulesDocument.Format f = format != null ? RulesDocument.Format.parse(format)
                : output != null && output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")
                ? RulesDocument.Format.JSON : RulesDocument.Format.YAML;
        Connection connection = connection();
        RulesDocument doc;
        try (SesClient ses = connection.ses()) {
            doc = ReceiptConfigurationReader.read(ses);
        } catch (SdkException e) {
            throw connection.translate(e, "reading the receipt configuration");
        }
        String text = doc.write(f, header(connection.region()));
        if (output == null) {
            out().print(text);
        } else {
            Path absolute = output.toAbsolutePath();
            Path tmp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            int rules = doc.ruleSets().stream().mapToInt(s -> s.rules().size()).sum();
            out().println("wrote " + output + ": " + doc.ruleSets().size() + " rule set(s) with " + rules + " rule(s), "
                    + doc.filters().size() + " filter(s), " + doc.identities().domains().size() + " domain(s), "
                    + doc.identities().emailAddresses().size() + " email address(es)");
        }
        return 0;
    }

    static String header(String region) {
        return "# Inlet receipt configuration of region " + region + ": identities, IP filters, receipt rule sets.\n"
                + "# Written by 'inlet rules export'; apply with 'inlet rules import FILE' (see CLI.md).\n";
    }
}
