package io.inlet.deploy.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The AWS CLI (installed on these machines; .ci/run installs it otherwise) manages Inlet with only the endpoint changed. */
class AwsCliTest {
    @TempDir
    static Path dataDir;
    static RunningInlet inlet;

    @BeforeAll
    static void start() {
        inlet = RunningInlet.start(dataDir);
    }

    @AfterAll
    static void stop() {
        inlet.close();
    }

    @Test
    void createsAndListsRuleSets() throws Exception {
        assertThat(aws("ses", "create-receipt-rule-set", "--rule-set-name", "from-cli").exitCode).isZero();
        CliResult list = aws("ses", "list-receipt-rule-sets", "--output", "json");
        assertThat(list.exitCode).as(list.output).isZero();
        assertThat(list.output).contains("\"Name\": \"from-cli\"").contains("CreatedTimestamp");
    }

    @Test
    void reportsSesErrorsByCode() throws Exception {
        aws("ses", "create-receipt-rule-set", "--rule-set-name", "twice");
        CliResult again = aws("ses", "create-receipt-rule-set", "--rule-set-name", "twice");
        assertThat(again.exitCode).isNotZero();
        assertThat(again.output).contains("AlreadyExists").contains("Rule set already exists: twice");
    }

    record CliResult(int exitCode, String output) {
    }

    private static CliResult aws(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("aws"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", inlet.endpoint().toString(), "--region", "eu-west-1"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("AWS_ACCESS_KEY_ID", RunningInlet.ACCESS_KEY);
        pb.environment().put("AWS_SECRET_ACCESS_KEY", RunningInlet.SECRET_KEY);
        pb.environment().put("AWS_CONFIG_FILE", "/dev/null");
        pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        pb.environment().put("AWS_PAGER", "");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new CliResult(p.exitValue(), out);
    }
}
