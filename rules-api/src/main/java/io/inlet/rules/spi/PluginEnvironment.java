package io.inlet.rules.spi;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** What a plugin gets once at start: where it may keep data, its configuration and a clock. */
public interface PluginEnvironment {

    /** The daemon's data directory; a plugin keeps its files in a subdirectory named after it. */
    Path dataDirectory();

    /**
     * The values of the keys the plugin declared in {@link ActionPlugin#settingDefaults()}, by full
     * key name, after the config file, environment and flags were applied.
     */
    Map<String, String> settings();

    Clock clock();
}
