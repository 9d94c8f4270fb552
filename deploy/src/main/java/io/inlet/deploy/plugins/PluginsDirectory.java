package io.inlet.deploy.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.inlet.deploy.settings.SettingDefinition;
import io.inlet.deploy.settings.SettingKeys;
import io.inlet.deploy.settings.Settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where plugin jars live: {@code plugins.directory}, or {@code <data-dir>/plugins} when it is empty.
 *
 * <p>The settings loader must already know the keys that jar plugins declare, so the directory is
 * needed before the settings exist: {@link #beforeSettings} reads just {@code plugins.directory} and
 * {@code data-dir} from the same sources with the same precedence (flag, environment, config file,
 * default). Anything wrong with those sources is left for the settings loader to report.
 */
public final class PluginsDirectory {
    private PluginsDirectory() {
    }

    public static Path of(Settings settings) {
        return resolve(settings.get(SettingKeys.PLUGINS_DIRECTORY), settings.get(SettingKeys.DATA_DIR).toString());
    }

    public static Path beforeSettings(Path configFile, Map<String, String> environment, Map<String, String> flags) {
        JsonNode file = readQuietly(configFile);
        return resolve(raw(SettingKeys.PLUGINS_DIRECTORY, file, environment, flags),
                raw(SettingKeys.DATA_DIR, file, environment, flags));
    }

    private static Path resolve(String pluginsDirectory, String dataDir) {
        if (!pluginsDirectory.isBlank()) {
            return Path.of(pluginsDirectory.trim());
        }
        return Path.of(dataDir.isBlank() ? SettingKeys.DATA_DIR.defaultText() : dataDir).resolve("plugins");
    }

    private static String raw(SettingDefinition<?> key, JsonNode file, Map<String, String> environment,
                              Map<String, String> flags) {
        if (flags.containsKey(key.name())) {
            return flags.get(key.name());
        }
        if (environment.containsKey(key.environmentVariable())) {
            return environment.get(key.environmentVariable());
        }
        String fromFile = fromFile(file, key.name());
        return fromFile != null ? fromFile : key.defaultText();
    }

    /** The key as the loader flattens YAML: nested mappings, a dotted key, or a mix of both. */
    private static String fromFile(JsonNode node, String dottedKey) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode whole = node.get(dottedKey);
        if (whole != null && whole.isValueNode()) {
            return whole.isNull() ? "" : whole.asText();
        }
        for (int dot = dottedKey.indexOf('.'); dot > 0; dot = dottedKey.indexOf('.', dot + 1)) {
            String found = fromFile(node.get(dottedKey.substring(0, dot)), dottedKey.substring(dot + 1));
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static JsonNode readQuietly(Path configFile) {
        if (configFile == null || !Files.isReadable(configFile)) {
            return null;
        }
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(configFile.toFile());
        } catch (Exception e) {
            return null; // the settings loader reports the broken file with its own message
        }
    }
}
