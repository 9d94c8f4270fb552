package io.inlet.deploy.plugins;

import io.inlet.deploy.settings.SettingsException;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The jars of the plugins directory ({@code plugins.directory}), each in its own class loader.
 * A jar that cannot be used is not loaded and is listed in {@link #skipped()} with the reason: a
 * broken plugin never stops the daemon.
 */
public final class PluginJars implements AutoCloseable {

    /** A jar that was not loaded, and why. */
    public record Skipped(Path jar, String reason) {
    }

    private final List<PluginJar> loaded;
    private final List<Skipped> skipped;

    private PluginJars(List<PluginJar> loaded, List<Skipped> skipped) {
        this.loaded = loaded;
        this.skipped = skipped;
    }

    /** No jars: the daemon's own plugins only. */
    public static PluginJars none() {
        return new PluginJars(new ArrayList<>(), new ArrayList<>());
    }

    /**
     * Loads every {@code *.jar} of {@code directory} in file name order. A directory that does not
     * exist holds no jars (the default one usually does not); one that cannot be listed is a
     * configuration error.
     */
    public static PluginJars open(Path directory) {
        PluginJars jars = none();
        if (directory == null || !Files.exists(directory)) {
            return jars;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*.jar")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new SettingsException("invalid configuration:\n  plugins.directory: " + directory
                    + " cannot be listed (" + e + ")");
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try {
                jars.loaded.add(PluginJar.load(file));
            } catch (PluginJar.UnusableJarException e) {
                jars.skipped.add(new Skipped(file, e.getMessage()));
            }
        }
        return jars;
    }

    public List<PluginJar> loaded() {
        return List.copyOf(loaded);
    }

    public List<Skipped> skipped() {
        return List.copyOf(skipped);
    }

    /** Unloads {@code jar} (whose plugin failed to start) and lists it as skipped. */
    public void skip(PluginJar jar, String reason) {
        if (loaded.remove(jar)) {
            jar.close();
            skipped.add(new Skipped(jar.file(), reason));
        }
    }

    @Override
    public void close() {
        loaded.forEach(PluginJar::close);
    }
}
