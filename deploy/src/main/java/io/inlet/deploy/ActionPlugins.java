package io.inlet.deploy;

import io.inlet.deploy.plugins.PluginFunctions;
import io.inlet.deploy.plugins.PluginJar;
import io.inlet.deploy.plugins.PluginJars;
import io.inlet.deploy.settings.SettingDefinition;
import io.inlet.deploy.settings.Settings;
import io.inlet.deploy.settings.SettingsException;
import io.inlet.rules.spi.ActionPlugin;
import io.inlet.rules.spi.LambdaFunction;
import io.inlet.rules.spi.OutboundMail;
import io.inlet.rules.spi.PluginEnvironment;
import io.inlet.rules.spi.TopicPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The action plugins by the action type each serves: the built-ins found on the class path with
 * {@link ServiceLoader}, and those of the plugin jars, which replace a built-in of the same type.
 * Also the in-process Lambda functions that plugin environments offer.
 */
final class ActionPlugins implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ActionPlugins.class);

    private final Map<String, ActionPlugin> builtIns;
    private final PluginJars jars;
    private final List<ActionPlugin> started = new ArrayList<>();
    private volatile Map<String, ActionPlugin> byType;
    private volatile PluginFunctions functions;

    private ActionPlugins(Map<String, ActionPlugin> builtIns, PluginJars jars) {
        this.builtIns = builtIns;
        this.jars = jars;
        this.byType = effective(builtIns, jars);
        this.functions = PluginFunctions.of(jars.loaded());
    }

    /** The built-ins only (no plugin jars). */
    static ActionPlugins load() {
        return new ActionPlugins(builtIns(), PluginJars.none());
    }

    /**
     * The built-ins and the jars of {@code pluginsDirectory}. A jar that cannot be loaded is logged
     * and left out; two jars serving one action type, or two functions with one name, refuse the start.
     */
    static ActionPlugins load(Path pluginsDirectory) {
        Map<String, ActionPlugin> builtIns = builtIns();
        PluginJars jars = PluginJars.open(pluginsDirectory);
        try {
            jars.skipped().forEach(s -> log.warn("plugin jar {} skipped: {}", s.jar(), s.reason()));
            return new ActionPlugins(builtIns, jars);
        } catch (RuntimeException e) {
            jars.close();
            throw e;
        }
    }

    private static Map<String, ActionPlugin> builtIns() {
        Map<String, ActionPlugin> plugins = new LinkedHashMap<>();
        for (ActionPlugin plugin : ServiceLoader.load(ActionPlugin.class, ActionPlugins.class.getClassLoader())) {
            ActionPlugin previous = plugins.putIfAbsent(plugin.type(), plugin);
            if (previous != null) {
                throw new IllegalStateException("two action plugins serve " + plugin.type() + ": "
                        + previous.getClass().getName() + " and " + plugin.getClass().getName());
            }
        }
        return plugins;
    }

    /** The built-ins in their order, each replaced by a jar's plugin of the same type; then the jars' own types. */
    private static Map<String, ActionPlugin> effective(Map<String, ActionPlugin> builtIns, PluginJars jars) {
        Map<String, PluginJar> servedBy = new LinkedHashMap<>();
        Map<String, ActionPlugin> fromJars = new LinkedHashMap<>();
        for (PluginJar jar : jars.loaded()) {
            for (ActionPlugin plugin : jar.actionPlugins()) {
                PluginJar other = servedBy.putIfAbsent(plugin.type(), jar);
                if (other != null) {
                    throw new SettingsException("invalid configuration:\n  action type " + plugin.type()
                            + " is served by two plugin jars, " + other.file() + " and " + jar.file() + "; remove one");
                }
                fromJars.put(plugin.type(), plugin);
            }
        }
        Map<String, ActionPlugin> out = new LinkedHashMap<>();
        builtIns.forEach((type, plugin) -> out.put(type, fromJars.getOrDefault(type, plugin)));
        fromJars.forEach(out::putIfAbsent);
        return Collections.unmodifiableMap(out);
    }

    /**
     * The configuration keys the built-ins declare, so the settings loader accepts them (what the
     * sample config and {@code inlet config check} list).
     */
    static List<SettingDefinition<?>> settingKeys() {
        return settingKeys(PluginJars.none());
    }

    /**
     * The keys of the built-ins and of the action plugins in {@code jars} (which must stay open
     * while the settings load: each value is checked by its plugin). A key declared by a jar and a
     * built-in is checked by the jar's plugin, which would serve the type. Each key's value is
     * checked by its plugin's {@code checkSettings}, with the plugin's other keys at their defaults,
     * so every bad key is named with its origin, like the daemon's own keys.
     */
    static List<SettingDefinition<?>> settingKeys(PluginJars jars) {
        Map<String, SettingDefinition<?>> keys = new LinkedHashMap<>();
        for (PluginJar jar : jars.loaded()) {
            jar.actionPlugins().forEach(plugin -> declare(plugin, "plugin jar " + jar.name(), keys));
        }
        for (ActionPlugin plugin : builtIns().values()) {
            declare(plugin, "built-in", keys);
        }
        return List.copyOf(keys.values());
    }

    private static void declare(ActionPlugin plugin, String origin, Map<String, SettingDefinition<?>> keys) {
        Map<String, String> defaults = plugin.settingDefaults();
        defaults.forEach((name, value) -> {
            if (!name.startsWith("actions.")) {
                throw new IllegalStateException(plugin.type() + " declares key " + name + " outside actions.*");
            }
            keys.putIfAbsent(name, new SettingDefinition<>(name, value, text -> {
                Map<String, String> alone = new LinkedHashMap<>(defaults);
                alone.put(name, text);
                try {
                    plugin.checkSettings(alone);
                } catch (IllegalArgumentException e) {
                    // the loader prints "key (from origin): 'value' " itself; keep only the reason
                    String why = String.valueOf(e.getMessage());
                    String prefix = name + ": '" + text.trim() + "' ";
                    throw new IllegalArgumentException(why.startsWith(prefix) ? why.substring(prefix.length()) : why);
                }
                return text;
            }, "declared by action plugin " + plugin.type() + " (" + origin + ")", false));
        });
    }

    /** The plugin's keys; a key the loader did not know (settings loaded without the jars) gets its default. */
    private static Map<String, String> ownSettings(ActionPlugin plugin, Settings settings) {
        Map<String, String> own = new LinkedHashMap<>();
        plugin.settingDefaults().forEach((k, def) -> {
            String value = settings.textValues(k).get(k);
            own.put(k, value != null ? value : def);
        });
        return Map.copyOf(own);
    }

    /**
     * Starts the jar plugins, then each built-in that no jar replaces. A jar whose plugin fails to
     * start is logged and left out (the built-in of that type serves instead); a built-in that
     * fails to start stops the daemon, as before.
     */
    void start(Settings settings, Path dataDir, Clock clock, PluginServices services) {
        for (PluginJar jar : jars.loaded()) {
            startJar(jar, settings, dataDir, clock, services);
        }
        functions = PluginFunctions.of(jars.loaded());
        byType = effective(builtIns, jars);
        for (ActionPlugin plugin : byType.values()) {
            ActionPlugin builtIn = builtIns.get(plugin.type());
            if (builtIn == null) {
                continue; // a jar's own type, started above
            }
            if (plugin != builtIn) {
                log.info("action type {} served by {} instead of the built-in", plugin.type(), jarOf(plugin));
                continue;
            }
            try {
                plugin.start(environment(plugin, settings, dataDir, clock, services));
                started.add(plugin);
            } catch (IllegalArgumentException e) {
                throw new SettingsException("invalid configuration:\n  " + e.getMessage());
            } catch (Exception e) {
                throw new IllegalStateException("action plugin " + plugin.type() + " failed to start: " + e.getMessage(), e);
            }
        }
        jars.loaded().forEach(jar -> log.info("plugin jar {}: action types {}, Lambda functions {}", jar.file(),
                jar.actionPlugins().stream().map(ActionPlugin::type).toList(),
                jar.functions().stream().map(LambdaFunction::name).toList()));
    }

    private void startJar(PluginJar jar, Settings settings, Path dataDir, Clock clock, PluginServices services) {
        List<ActionPlugin> ofJar = new ArrayList<>();
        for (ActionPlugin plugin : jar.actionPlugins()) {
            try {
                jar.inContext(() -> plugin.start(environment(plugin, settings, dataDir, clock, services)));
                ofJar.add(plugin);
            } catch (Exception | LinkageError e) {
                ofJar.forEach(ActionPlugins::closeQuietly);
                String reason = "action plugin " + plugin.type() + " failed to start: " + describe(e);
                log.warn("plugin jar {} skipped: {}", jar.file(), reason);
                jars.skip(jar, reason);
                return;
            }
        }
        started.addAll(ofJar);
    }

    private static String describe(Throwable e) {
        return e.getMessage() != null ? e.getClass().getSimpleName() + ": " + e.getMessage() : e.toString();
    }

    private String jarOf(ActionPlugin plugin) {
        return jars.loaded().stream().filter(j -> j.actionPlugins().contains(plugin)).map(PluginJar::name)
                .findFirst().orElse("a plugin jar");
    }

    private PluginEnvironment environment(ActionPlugin plugin, Settings settings, Path dataDir, Clock clock,
                                          PluginServices services) {
        Map<String, String> own = ownSettings(plugin, settings);
        return new PluginEnvironment() {
            @Override
            public Path dataDirectory() {
                return dataDir;
            }

            @Override
            public Map<String, String> settings() {
                return own;
            }

            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public String hostname() {
                return services.hostname();
            }

            @Override
            public TopicPublisher topics() {
                return services.topics() != null ? services.topics() : PluginEnvironment.super.topics();
            }

            @Override
            public OutboundMail outbound() {
                return services.outbound() != null ? services.outbound() : PluginEnvironment.super.outbound();
            }

            @Override
            public Optional<LambdaFunction> function(String name) {
                return functions.find(name);
            }
        };
    }

    Map<String, ActionPlugin> byType() {
        return byType;
    }

    /** The in-process Lambda functions (plugin jars and class path), by name. */
    Optional<LambdaFunction> function(String name) {
        return functions.find(name);
    }

    private static void closeQuietly(ActionPlugin plugin) {
        try {
            plugin.close();
        } catch (RuntimeException | LinkageError e) {
            log.warn("action plugin {} failed to close: {}", plugin.type(), describe(e));
        }
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            closeQuietly(started.get(i));
        }
        started.clear();
        jars.close();
    }
}
