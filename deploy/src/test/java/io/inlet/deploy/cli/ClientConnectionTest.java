package io.inlet.deploy.cli;

import io.inlet.deploy.it.RunningInlet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the client commands find the daemon and its key pair (--config, --data-dir's
 * credentials.env, --endpoint), and what they say when they cannot: daemon down, wrong key pair.
 */
class ClientConnectionTest {

    @TempDir
    static Path dir;
    static RunningInlet inlet;

    @BeforeAll
    static void start() {
        inlet = RunningInlet.start(dir.resolve("data"));
        inlet.ses().createReceiptRuleSet(b -> b.ruleSetName("main"));
    }

    @AfterAll
    static void stop() {
        if (inlet != null) {
            inlet.close();
        }
    }

    @Test
    void theEndpointAndKeyPairComeFromTheDaemonsConfigurationFile() {
        Cli.Result result = Cli.run(Cli.connection(inlet, dir), "rules", "export");

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out()).contains("- name: main");
        assertThat(Cli.run(Cli.connection(inlet, dir), "queue", "list").exit()).isZero();
    }

    @Test
    void theGeneratedCredentialsFileOfTheDataDirectoryIsUsed() throws IOException {
        Path data = credentialsDir("generated", RunningInlet.ACCESS_KEY, RunningInlet.SECRET_KEY);

        Cli.Result result = Cli.run(List.of("--endpoint", inlet.endpoint().toString(), "--data-dir", data.toString()),
                "rules", "export", "--format", "json");

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.out()).contains("\"name\" : \"main\"");
    }

    @Test
    void aWrongKeyPairIsReportedAsSuch() throws IOException {
        Path data = credentialsDir("wrong", RunningInlet.ACCESS_KEY, "not-the-secret");
        List<String> wrong = List.of("--endpoint", inlet.endpoint().toString(), "--data-dir", data.toString());

        for (String[] command : new String[][]{{"rules", "export"}, {"queue", "list"}}) {
            Cli.Result result = Cli.run(wrong, command);
            assertThat(result.exit()).as(result.toString()).isEqualTo(1);
            assertThat(result.err()).startsWith("inlet: Inlet at " + inlet.endpoint() + " rejected the credentials (")
                    .contains("access key " + RunningInlet.ACCESS_KEY + " from " + data.resolve("credentials.env"));
            assertThat(result.out()).isEmpty();
        }
    }

    @Test
    void aDaemonThatIsNotRunningIsReportedClearly() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // free once closed: nothing listens there
        }
        Path data = credentialsDir("down", RunningInlet.ACCESS_KEY, RunningInlet.SECRET_KEY);
        Path doc = Files.writeString(dir.resolve("doc.yaml"), "ruleSets: []\n");
        List<String> down = List.of("--endpoint", "http://127.0.0.1:" + port, "--data-dir", data.toString());

        for (String[] command : new String[][]{{"queue", "list"}, {"queue", "show", "0".repeat(40)},
                {"queue", "replay", "0".repeat(40)}, {"queue", "purge", "--all"}, {"rules", "export"},
                {"rules", "import", doc.toString()}}) {
            Cli.Result result = Cli.run(down, command);
            assertThat(result.exit()).as(String.join(" ", command) + ": " + result).isEqualTo(1);
            assertThat(result.err()).as(String.join(" ", command))
                    .startsWith("inlet: cannot reach Inlet at http://127.0.0.1:" + port + ": connection refused");
        }
    }

    @Test
    void missingCredentialsAndUnusableConfigurationsAreNamed() throws IOException {
        Cli.Result none = Cli.run("queue", "list", "--endpoint", inlet.endpoint().toString(),
                "--data-dir", dir.resolve("empty").toString());
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).startsWith("inlet: no API credentials: ")
                .contains(dir.resolve("empty").resolve("credentials.env").toString());

        Path anyPort = Files.writeString(dir.resolve("any-port.yml"), "api:\n  port: 0\n");
        Cli.Result zero = Cli.run("rules", "export", "--config", anyPort.toString());
        assertThat(zero.exit()).isEqualTo(1);
        assertThat(zero.err()).contains("api.port is 0").contains("give its address with --endpoint");

        Cli.Result missing = Cli.run("rules", "export", "--config", dir.resolve("nope.yml").toString());
        assertThat(missing.err()).contains("nope.yml does not exist");

        Cli.Result badUrl = Cli.run("rules", "export", "--endpoint", "127.0.0.1:8787");
        assertThat(badUrl.exit()).isEqualTo(1);
        assertThat(badUrl.err()).contains("--endpoint 127.0.0.1:8787: not an http(s)://host[:port] URL");
    }

    private static Path credentialsDir(String name, String id, String secret) throws IOException {
        Path data = dir.resolve(name);
        Files.createDirectories(data);
        Files.writeString(data.resolve("credentials.env"), "# test\nAWS_ACCESS_KEY_ID=" + id + "\nAWS_SECRET_ACCESS_KEY=" + secret + "\n");
        return data;
    }
}
