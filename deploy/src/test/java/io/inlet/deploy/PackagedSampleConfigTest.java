package io.inlet.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.inlet.deploy.settings.SettingDefinition;
import io.inlet.deploy.settings.SettingKeys;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deploy/packaging/inlet.yaml} cannot rot: it holds every key of {@link SettingKeys} and of
 * the action plugins, each with its default (or a deliberate production value that names the
 * default), each with a comment; and {@code inlet config check} accepts it.
 */
class PackagedSampleConfigTest {
    /** Maven runs the tests in the module directory. */
    static final Path SAMPLE = Path.of("packaging", "inlet.yaml");

    /** The values the production sample sets on purpose instead of the default (what the systemd unit expects). */
    static final Map<String, String> PRODUCTION_VALUES = Map.of(
            "data-dir", "/var/lib/inlet",
            "smtp.port", "25");

    @Test
    void holdsEveryKeyWithItsDefault() throws Exception {
        Map<String, String> sample = flatten(new ObjectMapper(new YAMLFactory()).readTree(SAMPLE.toFile()));
        Map<String, String> known = new LinkedHashMap<>();
        List<SettingDefinition<?>> keys = new ArrayList<>(SettingKeys.ALL);
        keys.addAll(ActionPlugins.settingKeys());
        keys.forEach(k -> known.put(k.name(), k.defaultText()));

        TreeSet<String> missing = new TreeSet<>(known.keySet());
        missing.removeAll(sample.keySet());
        assertThat(missing).as("keys that exist (SettingKeys, action plugins) but are missing from %s", SAMPLE).isEmpty();
        TreeSet<String> extra = new TreeSet<>(sample.keySet());
        extra.removeAll(known.keySet());
        assertThat(extra).as("keys in %s that Inlet does not know", SAMPLE).isEmpty();

        String text = Files.readString(SAMPLE);
        known.forEach((name, defaultText) -> {
            if (PRODUCTION_VALUES.containsKey(name)) {
                assertThat(sample.get(name)).as("production value of %s", name).isEqualTo(PRODUCTION_VALUES.get(name));
                assertThat(text).as("the sample names the default of %s", name).contains("default: " + defaultText);
            } else {
                assertThat(sample.get(name)).as("value of %s in %s (must be its default)", name, SAMPLE).isEqualTo(defaultText);
            }
        });
    }

    @Test
    void everyKeyHasACommentAboveIt() throws Exception {
        List<String> lines = Files.readAllLines(SAMPLE);
        List<String> bare = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            // a leaf key: "name: value" (section headers such as "smtp:" have no value)
            if (lines.get(i).matches("\\s*[a-z0-9.-]+:\\s*\\S.*") && (i == 0 || !lines.get(i - 1).trim().startsWith("#"))) {
                bare.add(lines.get(i).trim());
            }
        }
        assertThat(bare).as("keys in %s without a comment right above them", SAMPLE).isEmpty();
    }

    @Test
    void configCheckAcceptsIt() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ConfigCommand.Check(Map.of())); // no INLET_* from this machine
        cli.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));

        assertThat(cli.execute(SAMPLE.toString())).as(err.toString()).isZero();
        List<String> keyLines = out.toString().lines().filter(l -> !l.startsWith("#")).toList();
        assertThat(keyLines).isNotEmpty().allSatisfy(l -> assertThat(l).endsWith("# config file " + SAMPLE));
    }

    /** As the settings loader reads YAML: dotted keys, lists as comma-separated text, null as empty. */
    private static Map<String, String> flatten(JsonNode root) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", root, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), out));
        } else if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(n -> items.add(n.asText()));
            out.put(prefix, String.join(",", items));
        } else {
            out.put(prefix, node.isNull() ? "" : node.asText());
        }
    }
}
