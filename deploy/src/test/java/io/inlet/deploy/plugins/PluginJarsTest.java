package io.inlet.deploy.plugins;

import io.inlet.rules.spi.ActionPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;

import static io.inlet.deploy.plugins.PluginSources.ACTION_PLUGIN;
import static io.inlet.deploy.plugins.PluginSources.LAMBDA_FUNCTION;
import static io.inlet.deploy.plugins.PluginSources.services;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Loading the jars of the plugins directory: class loader isolation, and why a jar is skipped. */
class PluginJarsTest {
    @TempDir
    Path dir;

    @Test
    void aJarSeesTheJdkAndRulesApiOfTheDaemonAndNothingElse() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestJars.compiled(plugins.resolve("plain.jar"), PluginSources.plainPlugin("x-plain"),
                services(ACTION_PLUGIN, "fixture.plain.PlainPlugin"));

        try (PluginJars jars = PluginJars.open(plugins)) {
            assertThat(jars.skipped()).isEmpty();
            ActionPlugin plugin = jars.loaded().get(0).actionPlugins().get(0);
            assertThat(plugin.type()).isEqualTo("x-plain");
            ClassLoader loader = plugin.getClass().getClassLoader();
            // one SPI class shared with the daemon, parent-first
            assertThat(loader.loadClass(ActionPlugin.class.getName())).isSameAs(ActionPlugin.class);
            assertThat(loader.loadClass("java.sql.Connection")).isNotNull();
            for (String hidden : new String[]{"com.fasterxml.jackson.databind.ObjectMapper", "io.inlet.deploy.Inlet",
                    "io.inlet.actions.S3Action", "org.slf4j.Logger"}) {
                assertThatThrownBy(() -> loader.loadClass(hidden)).as(hidden).isInstanceOf(ClassNotFoundException.class);
            }
            // the daemon's own service files stay invisible: the jar's ServiceLoader finds the jar's providers only
            assertThat(Collections.list(loader.getResources("META-INF/services/" + ACTION_PLUGIN))).hasSize(1);
        }
    }

    @Test
    void unusableJarsAreSkippedWithTheReasonAndTheOthersLoad() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestJars.corrupt(plugins.resolve("a-corrupt.jar"));
        TestJars.servicesOnly(plugins.resolve("b-missing-class.jar"), services(ACTION_PLUGIN, "fixture.Missing"));
        TestJars.compiled(plugins.resolve("c-throwing-constructor.jar"), PluginSources.throwingConstructor(),
                services(LAMBDA_FUNCTION, "fixture.boom.Boom"));
        TestJars.servicesOnly(plugins.resolve("d-empty.jar"), Map.of());
        TestJars.compiled(plugins.resolve("e-good.jar"), PluginSources.function("good"),
                services(LAMBDA_FUNCTION, "fixture.function.Continue"));
        Files.writeString(plugins.resolve("README.txt"), "not a jar: ignored");

        try (PluginJars jars = PluginJars.open(plugins)) {
            assertThat(jars.loaded()).extracting(PluginJar::name).containsExactly("e-good.jar");
            assertThat(jars.loaded().get(0).functions()).extracting(f -> f.name()).containsExactly("good");
            assertThat(jars.skipped()).extracting(s -> s.jar().getFileName().toString())
                    .containsExactly("a-corrupt.jar", "b-missing-class.jar", "c-throwing-constructor.jar", "d-empty.jar");
            assertThat(jars.skipped().get(0).reason()).startsWith("not a readable jar");
            assertThat(jars.skipped().get(1).reason()).contains("Provider fixture.Missing not found");
            assertThat(jars.skipped().get(2).reason()).contains("fixture.boom.Boom could not be instantiated")
                    .contains("cannot read boom.conf");
            assertThat(jars.skipped().get(3).reason()).contains("provides no " + ACTION_PLUGIN);
        }
    }

    @Test
    void aMissingDirectoryHoldsNoJars() {
        try (PluginJars jars = PluginJars.open(dir.resolve("absent"))) {
            assertThat(jars.loaded()).isEmpty();
            assertThat(jars.skipped()).isEmpty();
        }
    }

    @Test
    void theDirectoryIsFoundBeforeTheSettingsWithTheirPrecedence() throws Exception {
        assertThat(PluginsDirectory.beforeSettings(null, Map.of(), Map.of())).isEqualTo(Path.of("./data", "plugins"));
        assertThat(PluginsDirectory.beforeSettings(null, Map.of("INLET_DATA_DIR", "/env-data"), Map.of()))
                .isEqualTo(Path.of("/env-data/plugins"));

        Path nested = dir.resolve("nested.yaml");
        Files.writeString(nested, "data-dir: /file-data\nplugins:\n  directory: /file-plugins\n");
        Path dotted = dir.resolve("dotted.yaml");
        Files.writeString(dotted, "data-dir: /file-data\nplugins.directory: \"\"\n");
        assertThat(PluginsDirectory.beforeSettings(nested, Map.of(), Map.of())).isEqualTo(Path.of("/file-plugins"));
        assertThat(PluginsDirectory.beforeSettings(dotted, Map.of(), Map.of())).isEqualTo(Path.of("/file-data/plugins"));
        assertThat(PluginsDirectory.beforeSettings(nested, Map.of("INLET_PLUGINS_DIRECTORY", "/env-plugins"), Map.of()))
                .isEqualTo(Path.of("/env-plugins"));
        assertThat(PluginsDirectory.beforeSettings(nested, Map.of("INLET_PLUGINS_DIRECTORY", "/env-plugins"),
                Map.of("plugins.directory", "/flag-plugins"))).isEqualTo(Path.of("/flag-plugins"));
        assertThat(PluginsDirectory.beforeSettings(dotted, Map.of(), Map.of("data-dir", "/flag-data")))
                .isEqualTo(Path.of("/flag-data/plugins"));
    }
}
