package io.inlet.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The production logback.xml (not the tests' logback-test.xml): {@code INLET_LOG_FORMAT=json} turns
 * every log line of {@code inlet serve} into one JSON object; without it the lines are text.
 */
class LogFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Process process;

    @AfterEach
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    @Test
    void jsonFormatWritesEveryLineAsOneJsonObject() throws Exception {
        Lines out = serve(Map.of("INLET_LOG_FORMAT", "json"));

        String readyLine = out.await(l -> l.contains("Inlet ready"));
        JsonNode ready = parse(readyLine);
        assertThat(ready.path("level").asText()).isEqualTo("INFO");
        assertThat(ready.path("loggerName").asText()).isEqualTo(Inlet.class.getName());
        assertThat(ready.path("threadName").asText()).isEqualTo("main");
        assertThat(ready.path("timestamp").isIntegralNumber()).isTrue();
        assertThat(ready.path("timestamp").asLong()).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(600_000L));
        assertThat(ready.path("formattedMessage").asText()).startsWith("Inlet ready: SES API http://127.0.0.1:")
                .contains("SMTP 127.0.0.1:").contains(dir.resolve("data").toString());

        sigterm();
        String stopped = out.await(l -> l.contains("Inlet stopped"));
        assertThat(parse(stopped).path("formattedMessage").asText()).isEqualTo("Inlet stopped");
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // 143 = 128 + SIGTERM: how the JVM exits after running its shutdown hooks (the unit's SuccessExitStatus)
        assertThat(process.exitValue()).isIn(0, 143);

        List<String> all = out.rest();
        assertThat(all).isNotEmpty().allSatisfy(LogFormatTest::parse); // not one line of anything else
    }

    @Test
    void textIsTheDefault() throws Exception {
        Lines out = serve(Map.of());

        String ready = out.await(l -> l.contains("Inlet ready"));
        assertThat(ready).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S* INFO  \\[main] \\S+ - Inlet ready: .*");
        sigterm();
        out.await(l -> l.contains("Inlet stopped"));
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out.rest()).noneMatch(l -> l.startsWith("{"));
    }

    private static JsonNode parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            assertThat(node.isObject()).as("a JSON object: %s", line).isTrue();
            return node;
        } catch (IOException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }

    /** {@code inlet serve} in a child JVM with the test class path but the production logback.xml. */
    private Lines serve(Map<String, String> env) throws IOException {
        URL logback = Main.class.getClassLoader().getResource("logback.xml");
        assertThat(logback).as("the production logback.xml on the class path").isNotNull();
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=" + logback,
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--data-dir", dir.resolve("data").toString(), "--api-port", "0", "--smtp-port", "0");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(dir.resolve("stderr.txt").toFile()); // JVM warnings stay out of the log stream
        pb.environment().keySet().removeIf(k -> k.startsWith("INLET_"));
        pb.environment().put("INLET_SMTP_HOST", "127.0.0.1"); // tests stay on loopback
        pb.environment().put("INLET_DNS_RESOLVERS", "127.0.0.1:9");
        pb.environment().putAll(env);
        process = pb.start();
        return new Lines(process, dir.resolve("stderr.txt"));
    }

    /** SIGTERM, as systemd and docker stop send it ({@code Process.destroy} would also close our pipe). */
    private void sigterm() throws Exception {
        assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor()).isZero();
    }

    /** The child's stdout, read line by line by one thread; waits are blocking polls with a deadline. */
    private static final class Lines {
        private static final String END = "\u0000end";
        private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        private final List<String> seen = new ArrayList<>();
        private final Path stderr;

        Lines(Process process, Path stderr) {
            this.stderr = stderr;
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        queue.add(line);
                    }
                } catch (IOException e) {
                    // the process went away; END follows
                } finally {
                    queue.add(END);
                }
            }, "child-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        String await(Predicate<String> wanted) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (true) {
                String line = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null || END.equals(line)) {
                    fail((line == null ? "timed out" : "output ended") + " without the expected line; stdout:\n"
                            + String.join("\n", seen) + "\nstderr:\n" + Files.readString(stderr));
                }
                seen.add(line);
                if (wanted.test(line)) {
                    return line;
                }
            }
        }

        /** Every line, once the child has closed its stdout. */
        List<String> rest() throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            String line;
            while ((line = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
                if (END.equals(line)) {
                    return List.copyOf(seen);
                }
                seen.add(line);
            }
            return fail("stdout not closed in time:\n" + String.join("\n", seen));
        }
    }
}
