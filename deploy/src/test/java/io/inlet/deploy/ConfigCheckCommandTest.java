package io.inlet.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code inlet config check FILE}: the effective configuration with origins, or every problem and exit 2. */
class ConfigCheckCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int check(Map<String, String> environment, String... args) {
        CommandLine cli = new CommandLine(new ConfigCommand.Check(environment));
        cli.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void printsEveryKeyWithItsOriginAndMasksSecrets() throws Exception {
        Path config = dir.resolve("inlet.yaml");
        Files.writeString(config, "smtp:\n  port: 25\n  tls:\n    keystore-password: hunter2\nactions.s3.region: eu-west-1\n");
        int status = check(Map.of("INLET_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "INLET_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE", "INLET_API_PORT", "9999"), config.toString());

        assertThat(status).as(err.toString()).isZero();
        String printed = out.toString();
        assertThat(printed)
                .contains("smtp.port: 25  # config file " + config)
                .contains("api.port: 9999  # environment INLET_API_PORT")
                .contains("access-key-id: AKIAIOSFODNN7EXAMPLE  # environment INLET_ACCESS_KEY_ID")
                .contains("secret-access-key: ********  # environment INLET_SECRET_ACCESS_KEY")
                .contains("smtp.tls.keystore-password: ********  # config file " + config)
                .contains("actions.s3.region: eu-west-1  # config file " + config)
                .contains("actions.s3.backend: embedded  # default")
                .contains("data-dir: ./data  # default")
                .doesNotContain("wJalrXUtnFEMI").doesNotContain("hunter2");
        // one line per key: the daemon's own keys and every plugin key
        long keyLines = printed.lines().filter(l -> !l.startsWith("#")).count();
        assertThat(keyLines).isEqualTo(io.inlet.deploy.settings.SettingKeys.ALL.size() + ActionPlugins.settingKeys().size());
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void namesEveryProblemFromEveryOriginAndExitsTwo() throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, """
                api:
                  port: 99999
                smtp:
                  prot: 25
                actions:
                  s3:
                    backend: gcs
                    buckets: [Not_A_Bucket]
                """);
        int status = check(Map.of("INLET_ACTIONS_VALIDATION", "sometimes", "INLET_ACTIONS_S3_ENDPOINT", "ftp://minio"),
                config.toString());

        assertThat(status).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString())
                .contains("6 problems")
                .contains("api.port (from config file " + config + "): '99999' is not a port number")
                .contains("unknown key 'smtp.prot'")
                .contains("actions.validation (from environment INLET_ACTIONS_VALIDATION): 'sometimes' must be one of strict, lenient")
                .contains("actions.s3.backend (from config file " + config + "): 'gcs' must be one of embedded, aws")
                .contains("actions.s3.endpoint (from environment INLET_ACTIONS_S3_ENDPOINT): 'ftp://minio' must be an http://")
                .contains("actions.s3.buckets (from config file " + config + "): 'Not_A_Bucket' is not a valid S3 bucket name");
    }

    @Test
    void checksRelationsBetweenKeysThatServeFindsOnlyWhileStarting() throws Exception {
        Path config = dir.resolve("half.yaml");
        Files.writeString(config, "access-key-id: AKIAIOSFODNN7EXAMPLE\nsmtp.tls.certificate: " + dir.resolve("missing.pem") + "\n");
        int status = check(Map.of(), config.toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString())
                .contains("access-key-id and secret-access-key must be set together")
                .contains("smtp.tls.certificate and smtp.tls.private-key must be set together")
                .contains("smtp.tls.certificate (from config file " + config + "): '" + dir.resolve("missing.pem")
                        + "' cannot be read");
    }

    @Test
    void aMissingFileIsAProblem() {
        assertThat(check(Map.of(), dir.resolve("nothere.yaml").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("nothere.yaml does not exist");
    }

    @Test
    void startsNothingAndCreatesNothing() throws Exception {
        Path data = dir.resolve("data");
        Path config = dir.resolve("inlet.yaml");
        Files.writeString(config, "data-dir: " + data + "\nactions.s3.buckets: [mail]\n");
        assertThat(check(Map.of(), config.toString())).as(err.toString()).isZero();
        assertThat(data).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(config);
        }
    }

    @Test
    void isRegisteredAsInletConfigCheck() throws Exception {
        Path config = dir.resolve("inlet.yaml");
        Files.writeString(config, "smtp.port: 2526\n");
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));

        assertThat(cli.execute("config", "check", config.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("smtp.port: 2526  # config file " + config);

        assertThat(cli.execute("config")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required subcommand");
    }
}
