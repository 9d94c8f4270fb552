package io.inlet.deploy.cli;

import io.inlet.deploy.Main;
import io.inlet.deploy.it.RunningInlet;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs {@code inlet …} in-process, as {@code Main.main} would, with stdout and stderr captured. */
final class Cli {

    record Result(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Cli() {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** {@code args} followed by {@code connection}. */
    static Result run(List<String> connection, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(connection);
        return run(all.toArray(String[]::new));
    }

    /**
     * The connection options for {@code inlet}: a configuration file as an operator's would be
     * (the daemon's api.port and key pair), written to {@code dir}.
     */
    static List<String> connection(RunningInlet inlet, Path dir) {
        Path config = dir.resolve("inlet-" + inlet.endpoint().getPort() + ".yml");
        try {
            Files.createDirectories(dir);
            Files.writeString(config, "api:\n  host: 127.0.0.1\n  port: " + inlet.endpoint().getPort() + "\n"
                    + "access-key-id: " + RunningInlet.ACCESS_KEY + "\n"
                    + "secret-access-key: " + RunningInlet.SECRET_KEY + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of("--config", config.toString());
    }
}
