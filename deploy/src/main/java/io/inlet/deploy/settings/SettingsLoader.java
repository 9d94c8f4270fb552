package io.inlet.deploy.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves every key from, in rising precedence: the embedded default, the YAML config file,
 * the environment ({@code INLET_…}) and command-line flags. Collects every problem (unknown keys
 * in the file, unparsable values) and fails once with all of them named.
 */
public final class SettingsLoader {

    private SettingsLoader() {
    }

    /**
     * @param configFile a YAML file, or null
     * @param environment the process environment (only {@code INLET_*} variables of known keys are read)
     * @param flags values given on the command line, by key name
     */
    public static Settings load(Path configFile, Map<String, String> environment, Map<String, String> flags) {
        return load(configFile, environment, flags, List.of());
    }

    /**
     * As {@link #load(Path, Map, Map)}, also accepting {@code pluginKeys}: the text-valued keys that
     * action plugins declare (their own parsing happens when the plugin starts).
     */
    public static Settings load(Path configFile, Map<String, String> environment, Map<String, String> flags,
                                List<SettingDefinition<?>> pluginKeys) {
        List<SettingDefinition<?>> known = new ArrayList<>(SettingKeys.ALL);
        known.addAll(pluginKeys);
        List<String> problems = new ArrayList<>();
        Map<String, String> fileValues = configFile == null ? Map.of() : readYaml(configFile, problems);

        Map<String, Object> values = new HashMap<>();
        Map<String, String> origins = new HashMap<>();
        for (SettingDefinition<?> key : known) {
            String text = key.defaultText();
            String origin = "default";
            if (fileValues.containsKey(key.name())) {
                text = fileValues.get(key.name());
                origin = "config file " + configFile;
            }
            if (environment.containsKey(key.environmentVariable())) {
                text = environment.get(key.environmentVariable());
                origin = "environment " + key.environmentVariable();
            }
            if (flags.containsKey(key.name())) {
                text = flags.get(key.name());
                origin = "flag --" + key.name().replace('.', '-');
            }
            try {
                values.put(key.name(), key.parser().apply(text));
                origins.put(key.name(), origin);
            } catch (IllegalArgumentException e) {
                problems.add(key.name() + " (from " + origin + "): '" + text + "' " + e.getMessage());
            }
        }
        for (String name : fileValues.keySet()) {
            if (known.stream().noneMatch(k -> k.name().equals(name))) {
                problems.add("unknown key '" + name + "' in config file " + configFile);
            }
        }
        if (!problems.isEmpty()) {
            throw new SettingsException("invalid configuration:\n  " + String.join("\n  ", problems));
        }
        return new Settings(known, values, origins);
    }

    /** Flattens the YAML tree to dotted keys; lists become comma-separated text. */
    private static Map<String, String> readYaml(Path file, List<String> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!Files.isReadable(file)) {
            problems.add("config file " + file + " cannot be read");
            return out;
        }
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            if (root == null || root.isMissingNode() || root.isNull()) {
                return out;
            }
            if (!root.isObject()) {
                problems.add("config file " + file + " must hold a mapping of keys to values");
                return out;
            }
            flatten("", root, out);
        } catch (IOException e) {
            problems.add("config file " + file + " is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), out);
            }
        } else if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(n -> items.add(n.asText()));
            out.put(prefix, String.join(",", items));
        } else {
            out.put(prefix, node.isNull() ? "" : node.asText());
        }
    }
}
