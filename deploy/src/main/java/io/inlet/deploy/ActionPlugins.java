package io.inlet.deploy;

import io.inlet.deploy.settings.SettingDefinition;
import io.inlet.deploy.settings.Settings;
import io.inlet.rules.spi.ActionPlugin;
import io.inlet.rules.spi.OutboundMail;
import io.inlet.rules.spi.PluginEnvironment;
import io.inlet.rules.spi.TopicPublisher;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** The action plugins found with {@link ServiceLoader}, by the action type each serves. */
final class ActionPlugins implements AutoCloseable {
    private final Map<String, ActionPlugin> byType;

    private ActionPlugins(Map<String, ActionPlugin> byType) {
        this.byType = byType;
    }

    static ActionPlugins load() {
        Map<String, ActionPlugin> plugins = new LinkedHashMap<>();
        for (ActionPlugin plugin : ServiceLoader.load(ActionPlugin.class)) {
            ActionPlugin previous = plugins.putIfAbsent(plugin.type(), plugin);
            if (previous != null) {
                throw new IllegalStateException("two action plugins serve " + plugin.type() + ": "
                        + previous.getClass().getName() + " and " + plugin.getClass().getName());
            }
        }
        return new ActionPlugins(plugins);
    }

    /**
     * The configuration keys the plugins declare, so the settings loader accepts them. Each key's
     * value is checked by its plugin's {@code checkSettings}, with the plugin's other keys at their
     * defaults, so every bad key is named with its origin, like the daemon's own keys.
     */
    static List<SettingDefinition<?>> settingKeys() {
        List<SettingDefinition<?>> keys = new ArrayList<>();
        for (ActionPlugin plugin : ServiceLoader.load(ActionPlugin.class)) {
            Map<String, String> defaults = plugin.settingDefaults();
            defaults.forEach((name, value) -> {
                if (!name.startsWith("actions.")) {
                    throw new IllegalStateException(plugin.type() + " declares key " + name + " outside actions.*");
                }
                keys.add(new SettingDefinition<>(name, value, text -> {
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
                }, "declared by action plugin " + plugin.type(), false));
            });
        }
        return keys;
    }

    private static Map<String, String> ownSettings(ActionPlugin plugin, Settings settings) {
        Map<String, String> own = new LinkedHashMap<>();
        plugin.settingDefaults().keySet().forEach(k -> own.put(k, settings.textValues(k).get(k)));
        return Map.copyOf(own);
    }

    /** Starts each plugin with the values of the keys it declared. */
    void start(Settings settings, Path dataDir, Clock clock, PluginServices services) {
        for (ActionPlugin plugin : byType.values()) {
            Map<String, String> own = ownSettings(plugin, settings);
            PluginEnvironment env = new PluginEnvironment() {
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
            };
            try {
                plugin.start(env);
            } catch (IllegalArgumentException e) {
                throw new io.inlet.deploy.settings.SettingsException("invalid configuration:\n  " + e.getMessage());
            } catch (Exception e) {
                throw new IllegalStateException("action plugin " + plugin.type() + " failed to start: " + e.getMessage(), e);
            }
        }
    }

    Map<String, ActionPlugin> byType() {
        return byType;
    }

    @Override
    public void close() {
        byType.values().forEach(ActionPlugin::close);
    }
}
