package io.inlet.deploy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN.md §1: dependencies point one way. rules-api is JDK-only; actions, engine and config
 * depend on rules-api and never on each other; only deploy wires them. Checked twice: on the
 * compiled classes (ArchUnit) and on the module POMs (so a wrong edge fails even before code uses it).
 */
class ModuleBoundariesTest {
    private static JavaClasses inlet;

    @BeforeAll
    static void importClasses() {
        inlet = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.inlet");
    }

    @Test
    void rulesApiUsesTheJdkOnly() {
        classes().that().resideInAPackage("io.inlet.rules..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.inlet.rules..", "java..")
                .check(inlet);
    }

    @Test
    void engineActionsAndConfigDoNotDependOnEachOtherOrOnDeploy() {
        Map<String, String[]> forbidden = Map.of(
                "io.inlet.engine..", new String[]{"io.inlet.config..", "io.inlet.actions..", "io.inlet.deploy.."},
                "io.inlet.config..", new String[]{"io.inlet.engine..", "io.inlet.actions..", "io.inlet.deploy.."},
                "io.inlet.actions..", new String[]{"io.inlet.engine..", "io.inlet.config..", "io.inlet.deploy.."});
        forbidden.forEach((module, others) -> noClasses().that().resideInAPackage(module)
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .allowEmptyShould(true)
                .check(inlet));
    }

    @Test
    void modulePomsDeclareOnlyAllowedInletDependencies() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Map<String, Set<String>> allowed = Map.of(
                "rules-api", Set.of(),
                "engine", Set.of("inlet-rules-api"),
                "actions", Set.of("inlet-rules-api"),
                "config", Set.of("inlet-rules-api"),
                "deploy", Set.of("inlet-rules-api", "inlet-engine", "inlet-actions", "inlet-config"),
                // a third-party plugin jar's only Inlet dependency (DESIGN.md §1)
                "deploy/plugin-example", Set.of("inlet-rules-api"));
        Pattern dependency = Pattern.compile("<dependency>.*?<artifactId>(inlet-[a-z-]+)</artifactId>", Pattern.DOTALL);
        for (var entry : allowed.entrySet()) {
            // the module's own dependencies: a build plugin's (deploy copies the example jar) is no module edge
            String pom = Files.readString(root.resolve(entry.getKey()).resolve("pom.xml"))
                    .replaceAll("(?s)<build>.*</build>", "");
            Matcher m = dependency.matcher(pom);
            Set<String> found = new TreeSet<>();
            while (m.find()) {
                found.add(m.group(1));
            }
            assertThat(found).as("inlet modules that %s depends on", entry.getKey())
                    .isSubsetOf(entry.getValue());
        }
    }
}
