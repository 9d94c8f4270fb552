package io.inlet.deploy.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code inlet rules …}: the whole receipt configuration of an account and region (identities, IP
 * filters, rule sets with their rules, the active set) as one YAML or JSON document, so that it can
 * live in git and be applied repeatably.
 */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = {"Export or import the receipt configuration of a running Inlet (identities, IP filters,"
                + " rule sets and their rules, the active rule set) as one YAML or JSON document."},
        subcommands = {RulesExportCommand.class, RulesImportCommand.class})
public final class RulesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand (export, import)");
    }
}
