package io.inlet.deploy.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The effective configuration: a parsed value and its origin for every key of {@link SettingKeys}. */
public final class Settings {
    private final List<SettingDefinition<?>> keys;
    private final Map<String, Object> values;
    private final Map<String, String> origins;

    Settings(List<SettingDefinition<?>> keys, Map<String, Object> values, Map<String, String> origins) {
        this.keys = List.copyOf(keys);
        this.values = Map.copyOf(values);
        this.origins = Map.copyOf(origins);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(SettingDefinition<T> key) {
        return (T) values.get(key.name());
    }

    /** The values of the keys whose names start with {@code prefix}, as text (for plugins). */
    public Map<String, String> textValues(String prefix) {
        Map<String, String> out = new java.util.TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k, String.valueOf(v));
            }
        });
        return out;
    }

    /** Where the value came from: {@code default}, the config file, an environment variable or a flag. */
    public String origin(SettingDefinition<?> key) {
        return origins.get(key.name());
    }

    /** One {@code key: value  # origin} line per key, secrets masked. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (SettingDefinition<?> key : keys) {
            Object v = values.get(key.name());
            String shown = key.secret() && v != null && !v.toString().isEmpty() ? "********" : String.valueOf(v);
            lines.add(key.name() + ": " + shown + "  # " + origins.get(key.name()));
        }
        return lines;
    }
}
