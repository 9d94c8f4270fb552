package io.inlet.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code inlet serve} as a real process (the same main class the jar runs): the ready line,
 * generated credentials, clean shutdown on SIGTERM, and start-up refusals that name the problem.
 */
class ServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void startsOnDefaultsGeneratesCredentialsAndStopsOnSigterm() throws Exception {
        Path data = dir.resolve("data");
        Daemon daemon = Daemon.start(dir, Map.of(), "serve", "--data-dir", data.toString(), "--api-port", "0", "--smtp-port", "0");
        String ready = daemon.awaitLine(l -> l.contains("Inlet ready"));
        assertThat(ready).contains("SES API http://127.0.0.1:").contains("SMTP 127.0.0.1:")
                .contains(data.toAbsolutePath().toString());

        Path credentials = data.resolve("credentials.env");
        assertThat(daemon.output()).anyMatch(l -> l.contains("Generated API credentials in " + credentials));
        assertThat(Files.getPosixFilePermissions(credentials))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(credentials)).containsPattern("AWS_ACCESS_KEY_ID=AKIA[A-Z2-7]{16}")
                .containsPattern("AWS_SECRET_ACCESS_KEY=\\S{40}");

        daemon.sigterm();
        assertThat(daemon.awaitLine(l -> l.contains("Inlet stopped"))).isNotNull();
        assertThat(daemon.process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        // the second start reuses the generated key pair
        String before = Files.readString(credentials);
        Daemon again = Daemon.start(dir, Map.of(), "serve", "--data-dir", data.toString(), "--api-port", "0", "--smtp-port", "0");
        again.awaitLine(l -> l.contains("Inlet ready"));
        assertThat(again.output()).anyMatch(l -> l.contains("Using generated API credentials"));
        assertThat(Files.readString(credentials)).isEqualTo(before);
        again.sigterm();
        assertThat(again.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void unknownFlagStopsStartUpNamingIt() throws Exception {
        Daemon daemon = Daemon.start(dir, Map.of(), "serve", "--smtp-prot", "25");
        assertThat(daemon.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(daemon.process.exitValue()).isNotZero();
        assertThat(String.join("\n", daemon.drain())).contains("--smtp-prot");
    }

    @Test
    void invalidValuesFromEveryOriginAreNamedTogether() throws Exception {
        Path config = dir.resolve("inlet.yaml");
        Files.writeString(config, "api:\n  port: 99999\nsmtp:\n  prot: 25\n");
        Daemon daemon = Daemon.start(dir, Map.of("INLET_ACTIONS_VALIDATION", "sometimes"),
                "serve", "--config", config.toString(), "--data-dir", dir.resolve("d").toString());
        assertThat(daemon.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(daemon.process.exitValue()).isEqualTo(2);
        String out = String.join("\n", daemon.drain());
        assertThat(out).contains("api.port (from config file").contains("'99999' is not a port number")
                .contains("unknown key 'smtp.prot'")
                .contains("actions.validation (from environment INLET_ACTIONS_VALIDATION): 'sometimes' must be one of strict, lenient");
    }

    /** A child JVM running {@link Main} with the test class path; its stdout and stderr read line by line. */
    private static final class Daemon {
        final Process process;
        private final BufferedReader reader;
        private final List<String> lines = new ArrayList<>();

        private Daemon(Process process) {
            this.process = process;
            this.reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        static Daemon start(Path workDir, Map<String, String> env, String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName()));
            command.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
            pb.environment().keySet().removeIf(k -> k.startsWith("INLET_"));
            pb.environment().put("INLET_SMTP_HOST", "127.0.0.1"); // tests stay on loopback
            pb.environment().put("INLET_DNS_RESOLVERS", "127.0.0.1:9");
            pb.environment().putAll(env);
            return new Daemon(pb.start());
        }

        /** Reads lines until one matches (blocking on the pipe, bounded by a timeout). */
        String awaitLine(Predicate<String> wanted) throws Exception {
            for (String l : lines) {
                if (wanted.test(l)) {
                    return l;
                }
            }
            return CompletableFuture.supplyAsync(() -> {
                try {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        synchronized (lines) {
                            lines.add(line);
                        }
                        if (wanted.test(line)) {
                            return line;
                        }
                    }
                    throw new AssertionError("process output ended without the expected line:\n" + String.join("\n", lines));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(60, TimeUnit.SECONDS);
        }

        /** SIGTERM, as systemd or docker stop send it ({@code Process.destroy} would also close our pipe). */
        void sigterm() throws Exception {
            assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor()).isZero();
        }

        List<String> output() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        List<String> drain() throws IOException {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
            return output();
        }
    }
}
