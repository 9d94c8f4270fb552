package io.inlet.deploy.e2e;

import io.inlet.deploy.it.RunningInlet;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ses.SesClient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * {@code inlet serve} in a child JVM (this test's class path), so it can be killed with SIGKILL.
 * Configured through the environment as an operator would; the ports come from the ready line
 * it logs. Its output goes to {@code <log>} and, prefixed, to this JVM's standard output.
 */
final class ChildInlet implements AutoCloseable {

    private static final Pattern READY = Pattern.compile(
            "Inlet ready: SES API http://([^/:]+):(\\d+)/ .*SMTP ([^ :]+):(\\d+) \\(receiving");

    private final Process process;
    private final Path log;
    private final List<SesClient> clients = new ArrayList<>();
    private volatile int apiPort = -1;
    private volatile int smtpPort = -1;

    private ChildInlet(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code inlet serve --data-dir <dataDir> --api-port 0 --smtp-port 0} with the test
     * settings (loopback SMTP, hostname mx.inlet.test, fixed API key, dead DNS) plus {@code env}
     * (more {@code INLET_*} variables), and waits for its ready line.
     */
    static ChildInlet start(Path dataDir, Map<String, String> env, Path log) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                "io.inlet.deploy.Main", "serve",
                "--data-dir", dataDir.toString(), "--api-port", "0", "--smtp-port", "0"))
                .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(k -> k.startsWith("INLET_"));
        environment.put("INLET_SMTP_HOST", "127.0.0.1");
        environment.put("INLET_SMTP_HOSTNAME", "mx.inlet.test");
        environment.put("INLET_DNS_RESOLVERS", "127.0.0.1:9");
        environment.put("INLET_DNS_TIMEOUT", "200ms");
        environment.put("INLET_ACCESS_KEY_ID", RunningInlet.ACCESS_KEY);
        environment.put("INLET_SECRET_ACCESS_KEY", RunningInlet.SECRET_KEY);
        environment.put("INLET_ACCOUNT_ID", RunningInlet.ACCOUNT);
        environment.putAll(env);
        ChildInlet child = new ChildInlet(builder.start(), log);
        child.pumpOutput();
        try {
            await("inlet serve ready (log: " + log + ")").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        if (child.smtpPort > 0) {
                            return true;
                        }
                        if (!child.process.isAlive()) {
                            throw new IllegalStateException("inlet serve exited with " + child.process.exitValue()
                                    + ":\n" + Files.readString(log));
                        }
                        return false;
                    });
        } catch (RuntimeException e) {
            child.kill();
            throw e;
        }
        return child;
    }

    private void pumpOutput() {
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                         StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                String line;
                while ((line = in.readLine()) != null) {
                    System.out.println("[inlet serve] " + line); // into the test's report output
                    out.write(line);
                    out.write('\n');
                    out.flush();
                    Matcher m = READY.matcher(line);
                    if (smtpPort < 0 && m.find()) {
                        apiPort = Integer.parseInt(m.group(2));
                        smtpPort = Integer.parseInt(m.group(4));
                    }
                }
            } catch (IOException e) {
                // the child died; its exit is what the test looks at
            }
        }, "child-inlet-output");
        pump.setDaemon(true);
        pump.start();
    }

    int smtpPort() {
        return smtpPort;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + apiPort);
    }

    SesClient ses() {
        SesClient client = SesClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(RunningInlet.ACCESS_KEY, RunningInlet.SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        clients.add(client);
        return client;
    }

    /** kill -9: no shutdown hook, no flush, nothing. */
    void kill() {
        closeClients();
        process.destroyForcibly();
        waitForExit();
    }

    /** SIGTERM: the shutdown hook closes the daemon in order. */
    void stop() {
        closeClients();
        process.destroy();
        waitForExit();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeClients() {
        clients.forEach(SesClient::close);
        clients.clear();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
