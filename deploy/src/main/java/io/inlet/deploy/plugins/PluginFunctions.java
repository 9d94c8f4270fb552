package io.inlet.deploy.plugins;

import io.inlet.deploy.settings.SettingsException;
import io.inlet.rules.spi.LambdaFunction;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The in-process Lambda functions, by {@link LambdaFunction#name()}: those of the plugin jars and
 * those on the daemon's own class path. A name must be unique: a LambdaAction could not tell which
 * one to run.
 */
public final class PluginFunctions {
    private record Entry(LambdaFunction function, String origin) {
    }

    private final Map<String, Entry> byName;

    private PluginFunctions(Map<String, Entry> byName) {
        this.byName = Map.copyOf(byName);
    }

    /** @throws SettingsException when two functions have one name */
    public static PluginFunctions of(List<PluginJar> jars) {
        Map<String, Entry> byName = new LinkedHashMap<>();
        for (LambdaFunction function : ServiceLoader.load(LambdaFunction.class, PluginFunctions.class.getClassLoader())) {
            add(byName, function, "the class path (" + function.getClass().getName() + ")");
        }
        for (PluginJar jar : jars) {
            jar.functions().forEach(function -> add(byName, function, "plugin jar " + jar.file()));
        }
        return new PluginFunctions(byName);
    }

    private static void add(Map<String, Entry> byName, LambdaFunction function, String origin) {
        Entry previous = byName.putIfAbsent(function.name(), new Entry(function, origin));
        if (previous != null) {
            throw new SettingsException("invalid configuration:\n  two Lambda functions are named '" + function.name()
                    + "': from " + previous.origin() + " and from " + origin + "; remove one");
        }
    }

    public Optional<LambdaFunction> find(String name) {
        Entry entry = name == null ? null : byName.get(name);
        return entry == null ? Optional.empty() : Optional.of(entry.function());
    }

    /** The function names, for the start log line. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }
}
