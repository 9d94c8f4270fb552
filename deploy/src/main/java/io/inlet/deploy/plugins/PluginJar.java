package io.inlet.deploy.plugins;

import io.inlet.rules.spi.ActionPlugin;
import io.inlet.rules.spi.LambdaFunction;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.jar.JarFile;

/** One loaded plugin jar: its class loader and the action plugins and Lambda functions it provides. */
public final class PluginJar implements AutoCloseable {
    private final Path file;
    private final JarClassLoader loader;
    private final List<ActionPlugin> actionPlugins;
    private final List<LambdaFunction> functions;

    private PluginJar(Path file, JarClassLoader loader, List<ActionPlugin> actionPlugins, List<LambdaFunction> functions) {
        this.file = file;
        this.loader = loader;
        this.actionPlugins = List.copyOf(actionPlugins);
        this.functions = List.copyOf(functions);
    }

    /**
     * Opens {@code file} in its own class loader and instantiates its providers.
     *
     * @throws UnusableJarException with the reason, when anything about the jar is wrong
     */
    static PluginJar load(Path file) throws UnusableJarException {
        try (JarFile zip = new JarFile(file.toFile())) {
            zip.size(); // JarFile reads the central directory: a corrupt or truncated zip fails here
        } catch (IOException | SecurityException e) {
            throw new UnusableJarException("not a readable jar (" + e + ")");
        }
        JarClassLoader loader = new JarClassLoader(file, ActionPlugin.class.getClassLoader());
        try {
            List<ActionPlugin> actions = providers(ActionPlugin.class, loader);
            List<LambdaFunction> functions = providers(LambdaFunction.class, loader);
            if (actions.isEmpty() && functions.isEmpty()) {
                throw new UnusableJarException("it provides no " + ActionPlugin.class.getName() + " and no "
                        + LambdaFunction.class.getName() + " (META-INF/services)");
            }
            check(actions, functions);
            return new PluginJar(file, loader, actions, functions);
        } catch (UnusableJarException e) {
            closeQuietly(loader);
            throw e;
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
            closeQuietly(loader);
            throw new UnusableJarException(describe(e));
        }
    }

    private static <T> List<T> providers(Class<T> service, ClassLoader loader) {
        List<T> found = new ArrayList<>();
        ServiceLoader.load(service, loader).forEach(found::add);
        return found;
    }

    /** What the daemon relies on before anything starts: a type, parameters, keys under actions.*, a name. */
    private static void check(List<ActionPlugin> actions, List<LambdaFunction> functions) throws UnusableJarException {
        Set<String> types = new HashSet<>();
        for (ActionPlugin plugin : actions) {
            String type = plugin.type();
            if (type == null || type.isBlank()) {
                throw new UnusableJarException(plugin.getClass().getName() + " has no action type");
            }
            if (!types.add(type)) {
                throw new UnusableJarException("two action plugins in it serve " + type);
            }
            if (plugin.parameters() == null) {
                throw new UnusableJarException(type + " declares no parameters (null)");
            }
            for (String key : plugin.settingDefaults().keySet()) {
                if (!key.startsWith("actions.")) {
                    throw new UnusableJarException(type + " declares key " + key + " outside actions.*");
                }
            }
        }
        for (LambdaFunction function : functions) {
            if (function.name() == null || function.name().isBlank()) {
                throw new UnusableJarException(function.getClass().getName() + " has no function name");
            }
        }
    }

    /** One line: the error and its causes (ServiceLoader wraps "could not be instantiated" around the real reason). */
    static String describe(Throwable e) {
        StringBuilder out = new StringBuilder(String.valueOf(e.getMessage() != null ? e.getMessage() : e.toString()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            out.append(": ").append(cause);
        }
        return out.toString();
    }

    private static void closeQuietly(JarClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // only the jar's file handle; nothing to recover
        }
    }

    public Path file() {
        return file;
    }

    /** The jar's file name, as log lines and error messages name it. */
    public String name() {
        return file.getFileName().toString();
    }

    public List<ActionPlugin> actionPlugins() {
        return actionPlugins;
    }

    public List<LambdaFunction> functions() {
        return functions;
    }

    /** Runs {@code call} with the jar's loader as context class loader (for libraries inside the jar that use it). */
    public <E extends Exception> void inContext(ThrowingRunnable<E> call) throws E {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            call.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** A call that may throw a checked exception. */
    @FunctionalInterface
    public interface ThrowingRunnable<E extends Exception> {
        void run() throws E;
    }

    @Override
    public void close() {
        closeQuietly(loader);
    }

    /** Why a jar cannot be used; the daemon logs it and starts without the jar. */
    static final class UnusableJarException extends Exception {
        UnusableJarException(String reason) {
            super(reason);
        }
    }
}
