package io.inlet.deploy.plugins;

import io.inlet.rules.spi.ActionPlugin;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plugin jars made by the tests: sources compiled against the rules-api classes alone (as a
 * third-party plugin is built), with META-INF/services files; or deliberately broken ones.
 */
public final class TestJars {
    private TestJars() {
    }

    /** The example plugin jar that deploy's build copied out of the reactor (see deploy/pom.xml). */
    public static Path exampleJar() {
        Path jar = Path.of("target", "test-plugins", "inlet-plugin-example.jar");
        assertThat(jar).as("the example plugin jar copied by the build (mvn process-test-resources)").isRegularFile();
        return jar;
    }

    /**
     * Compiles {@code sources} (class name → source) against rules-api only and writes them, with
     * {@code services} (service interface → provider class names), into {@code jar}.
     */
    public static Path compiled(Path jar, Map<String, String> sources, Map<String, List<String>> services) {
        try {
            Path work = Files.createTempDirectory(jar.getParent(), "src-");
            List<String> args = new ArrayList<>(List.of("--release", "17", "-classpath", rulesApi(), "-d",
                    work.resolve("classes").toString()));
            for (var source : sources.entrySet()) {
                Path file = work.resolve("src").resolve(source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
                args.add(file.toString());
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            assertThat(javac.run(null, null, null, args.toArray(String[]::new))).as("javac exit code").isZero();
            write(jar, work.resolve("classes"), services);
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A jar with service files only: every provider it names is missing. */
    public static Path servicesOnly(Path jar, Map<String, List<String>> services) {
        try {
            write(jar, null, services);
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file named like a jar that is no zip at all. */
    public static Path corrupt(Path jar) {
        try {
            Files.writeString(jar, "this is not a zip file");
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path jar, Path classes, Map<String, List<String>> services) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (var service : services.entrySet()) {
                out.putNextEntry(new JarEntry("META-INF/services/" + service.getKey()));
                out.write((String.join("\n", service.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            if (classes == null) {
                return;
            }
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                    out.write(Files.readAllBytes(f));
                    out.closeEntry();
                }
            }
        }
    }

    /** Where the rules-api classes are (a jar, or the reactor's target/classes). */
    private static String rulesApi() {
        try {
            return Path.of(ActionPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
