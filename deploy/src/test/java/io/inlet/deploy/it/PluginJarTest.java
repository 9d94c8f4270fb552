package io.inlet.deploy.it;

import ch.qos.logback.classic.Level;
import io.inlet.deploy.Inlet;
import io.inlet.deploy.plugins.LogCapture;
import io.inlet.deploy.plugins.PluginSources;
import io.inlet.deploy.plugins.TestJars;
import io.inlet.deploy.settings.Settings;
import io.inlet.deploy.settings.SettingsException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.InvocationType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.inlet.deploy.plugins.PluginSources.ACTION_PLUGIN;
import static io.inlet.deploy.plugins.PluginSources.LAMBDA_FUNCTION;
import static io.inlet.deploy.plugins.PluginSources.services;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Plugin jars installed as a user installs them: copied into the plugins directory of a real
 * daemon. The example jar's {@code spam-gate} function, a jar serving ConnectAction in place of the
 * built-in (calling that function through its environment), and broken jars that are skipped.
 */
class PluginJarTest {
    static final String ACCOUNT = RunningInlet.ACCOUNT;
    static final String DOMAIN = "plugin.test";
    static final String SPAM_GATE = "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:spam-gate";

    @TempDir
    static Path dir;
    static Path data;
    static RunningInlet daemon;
    static List<String> warnings;
    static List<String> infos;

    @BeforeAll
    static void start() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(TestJars.exampleJar(), plugins.resolve("inlet-plugin-example.jar"));
        TestJars.compiled(plugins.resolve("connect-plugin.jar"), PluginSources.connectPlugin(),
                services(ACTION_PLUGIN, "fixture.connect.ConnectPlugin"));
        TestJars.compiled(plugins.resolve("failing-addheader.jar"), PluginSources.failingStart("AddHeaderAction"),
                services(ACTION_PLUGIN, "fixture.failing.FailingPlugin"));
        TestJars.servicesOnly(plugins.resolve("broken.jar"), services(LAMBDA_FUNCTION, "fixture.Missing"));
        TestJars.corrupt(plugins.resolve("corrupt.jar"));

        data = dir.resolve("data");
        try (LogCapture log = LogCapture.of("io.inlet.deploy.ActionPlugins")) {
            daemon = RunningInlet.start(data, Map.of(
                    "plugins.directory", plugins.toString(),
                    "actions.s3.buckets", "mail",
                    "actions.connect-test.label", "from-flags"));
            warnings = log.lines(Level.WARN);
            infos = log.lines(Level.INFO);
        }

        SesClient ses = daemon.ses();
        ses.verifyDomainIdentity(b -> b.domain(DOMAIN));
        ses.createReceiptRuleSet(b -> b.ruleSetName("plugins"));
        // strict validation (the default): the built-in ConnectAction would refuse this rule
        Rules.create(ses, "plugins", Rules.rule("connect", List.of("connect@" + DOMAIN),
                Rules.addHeader("X-Built-In", "yes"), Rules.connect(Rules.CONNECT_INSTANCE, Rules.ROLE),
                Rules.s3(software.amazon.awssdk.services.ses.model.S3Action.builder().bucketName("mail")
                        .objectKeyPrefix("connect/").build())));
        Rules.create(ses, "plugins", Rules.rule("lambda", List.of("lambda@" + DOMAIN),
                Rules.lambda(SPAM_GATE, InvocationType.REQUEST_RESPONSE, null),
                Rules.s3(software.amazon.awssdk.services.ses.model.S3Action.builder().bucketName("mail")
                        .objectKeyPrefix("lambda/").build())));
        ses.setActiveReceiptRuleSet(b -> b.ruleSetName("plugins"));
        Delivery.awaitLive(daemon);
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void brokenJarsAreSkippedWithOneWarningEachAndTheDaemonRunsWithoutThem() {
        assertThat(warnings).filteredOn(w -> w.contains("broken.jar")).singleElement().asString()
                .contains("skipped").contains("Provider fixture.Missing not found");
        assertThat(warnings).filteredOn(w -> w.contains("corrupt.jar")).singleElement().asString()
                .contains("skipped: not a readable jar");
        assertThat(warnings).filteredOn(w -> w.contains("failing-addheader.jar")).singleElement().asString()
                .contains("skipped: action plugin AddHeaderAction failed to start")
                .contains("licence key missing");
        assertThat(warnings).hasSize(3);
        assertThat(daemon.ses().listReceiptRuleSets().ruleSets()).extracting(r -> r.name()).contains("plugins");
    }

    @Test
    void aJarPluginServesConnectActionInsteadOfTheBuiltInAndRunsAJarFunction() throws Exception {
        assertThat(infos).contains("action type ConnectAction served by connect-plugin.jar instead of the built-in")
                // the failing jar was dropped: the built-in AddHeaderAction serves
                .noneMatch(i -> i.contains("AddHeaderAction served by"));

        String kept = Delivery.send(daemon, "connect@" + DOMAIN, "Quarterly report");
        String stopped = Delivery.send(daemon, "connect@" + DOMAIN, "[SPAM] cheap watches");
        Delivery.awaitProcessed(daemon, kept);
        Delivery.awaitProcessed(daemon, stopped);

        // headers unfolded: long values are folded when added
        String stored = Files.readString(object("connect/" + kept), StandardCharsets.ISO_8859_1).replace("\r\n ", " ");
        // the plugin's key, given as a flag, reached it; the jar function's disposition is applied
        assertThat(stored).contains("X-Connect-Plugin: from-flags " + Rules.CONNECT_INSTANCE + " CONTINUE\r\n")
                .contains("X-Built-In: yes\r\n")
                .contains("Subject: Quarterly report");
        assertThat(object("connect/" + stopped)).doesNotExist();
    }

    /** The example function in a LambdaAction (RequestResponse), as its README describes. */
    @Test
    void theExampleSpamGateStopsTaggedMailInALambdaAction() throws Exception {
        String kept = Delivery.send(daemon, "lambda@" + DOMAIN, "Lunch on Friday?");
        String stopped = Delivery.send(daemon, "lambda@" + DOMAIN, "***SPAM*** you won");
        Delivery.awaitProcessed(daemon, kept);
        Delivery.awaitProcessed(daemon, stopped);

        assertThat(Files.readString(object("lambda/" + kept), StandardCharsets.ISO_8859_1)).contains("Subject: Lunch on Friday?");
        assertThat(object("lambda/" + stopped)).doesNotExist();
    }

    @Test
    void jarPluginKeysAreKnownToTheSettingsLoaderOnlyWithTheirJar() throws Exception {
        Path plugins = dir.resolve("plugins");
        Path config = dir.resolve("inlet.yaml");
        Files.writeString(config, "plugins:\n  directory: " + plugins + "\nactions:\n  connect-test:\n    label: from-file\n");
        Settings settings = Inlet.settings(config, Map.of(), Map.of());
        assertThat(settings.textValues("actions.connect-test.")).containsEntry("actions.connect-test.label", "from-file");

        // the jar's checkSettings judges its key, with the origin named by the loader
        assertThatThrownBy(() -> Inlet.settings(config, Map.of("INLET_ACTIONS_CONNECT_TEST_LABEL", " "), Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("actions.connect-test.label (from environment INLET_ACTIONS_CONNECT_TEST_LABEL): ' ' must not be empty");
        // without the jar the key is unknown
        assertThatThrownBy(() -> Inlet.settings(config, Map.of(), Map.of("plugins.directory", dir.resolve("none").toString())))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("unknown key 'actions.connect-test.label'");
    }

    @Test
    void twoJarsServingOneActionTypeRefuseTheStart() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("duplicate-types"));
        for (String jar : List.of("one.jar", "two.jar")) {
            TestJars.compiled(plugins.resolve(jar), PluginSources.plainPlugin("x-acme-archive"),
                    services(ACTION_PLUGIN, "fixture.plain.PlainPlugin"));
        }
        assertThatThrownBy(() -> RunningInlet.start(dir.resolve("data-duplicate-types"),
                Map.of("plugins.directory", plugins.toString())))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("action type x-acme-archive is served by two plugin jars, "
                        + plugins.resolve("one.jar") + " and " + plugins.resolve("two.jar") + "; remove one");
    }

    @Test
    void twoFunctionsWithOneNameRefuseTheStart() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("duplicate-functions"));
        Files.copy(TestJars.exampleJar(), plugins.resolve("inlet-plugin-example.jar"));
        TestJars.compiled(plugins.resolve("other-gate.jar"), PluginSources.function("spam-gate"),
                services(LAMBDA_FUNCTION, "fixture.function.Continue"));
        assertThatThrownBy(() -> RunningInlet.start(dir.resolve("data-duplicate-functions"),
                Map.of("plugins.directory", plugins.toString())))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("two Lambda functions are named 'spam-gate'")
                .hasMessageContaining(plugins.resolve("inlet-plugin-example.jar").toString())
                .hasMessageContaining(plugins.resolve("other-gate.jar").toString());
    }

    private static Path object(String key) {
        return data.resolve("s3").resolve("mail").resolve(key);
    }
}
