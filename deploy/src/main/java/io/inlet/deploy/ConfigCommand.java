package io.inlet.deploy;

import io.inlet.deploy.settings.SettingDefinition;
import io.inlet.deploy.settings.SettingKeys;
import io.inlet.deploy.settings.Settings;
import io.inlet.deploy.settings.SettingsException;
import io.inlet.deploy.settings.SettingRelations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;

/** {@code inlet config …}: configuration tools that start nothing. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Configuration tools (they start nothing).",
        subcommands = ConfigCommand.Check.class)
final class ConfigCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand (check)");
    }

    /**
     * {@code inlet config check FILE}: resolves FILE with the environment exactly as {@code serve
     * --config FILE} would (flag-less), prints every key, secrets masked, with its origin, and exits 0;
     * or prints every problem and exits 2. Nothing is started, opened or created.
     *
     * <p>Beyond what {@code serve} checks while loading its settings, it also checks what {@code serve}
     * only finds out while starting: the values of plugin keys (each plugin's {@code checkSettings})
     * and the relations between keys ({@link SettingRelations}).
     */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Validate a configuration file and print the effective configuration.",
                    "The environment (INLET_*) is applied as 'serve --config FILE' applies it; "
                            + "secrets are masked. Starts nothing.",
                    "Exit status: 0 valid, 2 problems (each named)."})
    static final class Check implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "FILE", description = "YAML configuration file (as for serve --config).")
        Path file;

        @Spec
        CommandSpec spec;

        private final Map<String, String> environment;

        Check() {
            this(System.getenv());
        }

        /** For tests: resolve against {@code environment} instead of the process environment. */
        Check(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            List<String> problems = new ArrayList<>();
            Settings settings = null;
            if (!Files.isRegularFile(file)) {
                problems.add("config file " + file + " does not exist or is not a file");
            } else {
                try {
                    settings = Inlet.settings(file, environment, Map.of()); // with the keys of the plugin jars
                    problems.addAll(SettingRelations.problems(settings));
                } catch (SettingsException e) {
                    e.getMessage().lines().skip(1).map(String::strip).forEach(problems::add);
                }
            }
            if (!problems.isEmpty()) {
                err.println("inlet: " + file + ": " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + ":");
                problems.forEach(p -> err.println("  " + p));
                err.flush();
                return 2;
            }
            out.println("# " + file + " is valid. Effective configuration (flag > environment > file > default),"
                    + " secrets masked:");
            settings.describe().forEach(out::println);
            out.flush();
            return 0;
        }
    }
}
