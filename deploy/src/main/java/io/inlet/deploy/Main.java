package io.inlet.deploy;

import io.inlet.deploy.settings.Settings;
import io.inlet.deploy.settings.SettingsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** The {@code inlet} command line. */
@Command(name = "inlet", mixinStandardHelpOptions = true, version = "inlet 0.1.0",
        description = "Self-hosted inbound mail engine with Amazon SES receiving semantics.",
        subcommands = {Main.Serve.class, ConfigCommand.class,
                io.inlet.deploy.cli.QueueCommand.class, io.inlet.deploy.cli.RulesCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Start the daemon: SES API and everything else that exists so far.")
    static final class Serve implements Callable<Integer> {
        @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file.")
        Path config;
        @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default ./data).")
        String dataDir;
        @Option(names = "--api-port", paramLabel = "N", description = "SES API port (default 8787).")
        String apiPort;
        @Option(names = "--api-host", paramLabel = "HOST", description = "SES API address (default 127.0.0.1).")
        String apiHost;
        @Option(names = "--smtp-port", paramLabel = "N", description = "SMTP port (default 2525).")
        String smtpPort;

        @Override
        public Integer call() {
            Inlet inlet;
            try {
                Settings settings = Inlet.settings(config, System.getenv(), flags());
                inlet = Inlet.start(settings);
            } catch (SettingsException e) {
                System.err.println("inlet: " + e.getMessage());
                return 2;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            // SIGTERM and SIGINT run shutdown hooks: close everything in order, then let main return
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                inlet.close();
                stopped.countDown();
            }, "inlet-shutdown"));
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }

        private Map<String, String> flags() {
            Map<String, String> flags = new HashMap<>();
            put(flags, "data-dir", dataDir);
            put(flags, "api.port", apiPort);
            put(flags, "api.host", apiHost);
            put(flags, "smtp.port", smtpPort);
            return flags;
        }

        private static void put(Map<String, String> flags, String key, String value) {
            if (value != null) {
                flags.put(key, value);
            }
        }
    }
}
