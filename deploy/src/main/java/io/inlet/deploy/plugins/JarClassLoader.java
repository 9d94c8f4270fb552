package io.inlet.deploy.plugins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The class loader of one plugin jar. Its parent sees only the JDK's platform classes
 * ({@code java.*}, {@code javax.*}, {@code jdk.*}) and the daemon's {@code io.inlet.rules.*}, both
 * parent-first, so plugin and daemon share one {@code ActionPlugin} class while the daemon's
 * libraries (Jackson, Vert.x, the AWS SDK...) stay invisible: a jar brings everything else itself
 * and cannot clash with the daemon's versions.
 */
final class JarClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    JarClassLoader(Path jar, ClassLoader daemon) {
        super("plugin " + jar.getFileName(), new URL[]{url(jar)}, new RulesApiOnly(daemon));
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Platform classes through its own parent; {@code io.inlet.rules.*} from the daemon; nothing else. */
    private static final class RulesApiOnly extends ClassLoader {
        private static final String API_PACKAGE = "io.inlet.rules.";
        private static final String API_RESOURCES = "io/inlet/rules/";

        static {
            registerAsParallelCapable();
        }

        private final ClassLoader daemon;

        RulesApiOnly(ClassLoader daemon) {
            super("inlet rules-api", ClassLoader.getPlatformClassLoader());
            this.daemon = daemon;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (name.startsWith(API_PACKAGE)) {
                return daemon.loadClass(name);
            }
            throw new ClassNotFoundException(name);
        }

        @Override
        protected URL findResource(String name) {
            return name.startsWith(API_RESOURCES) ? daemon.getResource(name) : null;
        }

        @Override
        protected Enumeration<URL> findResources(String name) throws IOException {
            // never the daemon's META-INF/services: a jar's ServiceLoader finds the jar's providers only
            return name.startsWith(API_RESOURCES) ? daemon.getResources(name) : Collections.emptyEnumeration();
        }
    }
}
