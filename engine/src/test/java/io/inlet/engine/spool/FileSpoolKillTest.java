package io.inlet.engine.spool;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.inlet.engine.spool.SpoolFixtures.body;
import static io.inlet.engine.spool.SpoolFixtures.fileNames;
import static io.inlet.engine.spool.SpoolFixtures.metadata;
import static io.inlet.engine.spool.SpoolFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

/** kill -9 while messages are being committed: everything acknowledged is there, whole. */
class FileSpoolKillTest {

    private static final int ACKNOWLEDGED_BEFORE_KILL = 60;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void everyAcknowledgedMessageSurvivesKillMinusNine() throws Exception {
        Path root = dir.resolve("spool");
        List<String> acknowledged = runAndKill(root);

        try (FileSpool spool = FileSpool.open(SpoolSettings.defaults(root))) {
            List<String> queued = spool.queued();
            assertThat(queued).containsAll(acknowledged);
            // every message recovery kept is whole, acknowledged or not
            for (String id : queued) {
                assertThat(read(spool, id)).as("body of %s", id).isEqualTo(body(id));
                assertThat(spool.metadata(id)).as("metadata of %s", id).contains(metadata(id, body(id).length));
            }
            assertThat(fileNames(root.resolve("incoming"))).isEmpty();
            assertThat(fileNames(root.resolve("queue"))).hasSize(2 * queued.size()); // message file, journal
            assertThat(spool.usage().queuedMessages()).isEqualTo(queued.size());
        }
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void everyAcknowledgedMessageSurvivesKillMinusNineDuringStateChanges() throws Exception {
        Path root = dir.resolve("spool");
        List<String> acknowledged = runAndKill(root, "churn");

        try (FileSpool spool = FileSpool.open(SpoolSettings.defaults(root))) {
            int held = 0;
            for (SpoolState state : SpoolState.values()) {
                for (String id : spool.ids(state)) {
                    held++;
                    assertThat(read(spool, id)).as("body of %s", id).isEqualTo(body(id));
                    assertThat(spool.metadata(id)).as("metadata of %s", id).contains(metadata(id, body(id).length));
                    // a journal, where there is one, is beside its message file
                    Path dirOf = root.resolve(state == SpoolState.QUEUED ? "queue"
                            : state == SpoolState.DEAD ? "dead" : "done");
                    for (String other : new String[] {"queue", "dead", "done"}) {
                        if (!root.resolve(other).equals(dirOf)) {
                            assertThat(root.resolve(other).resolve(id + ".journal")).doesNotExist();
                        }
                    }
                }
            }
            for (String id : acknowledged) {
                assertThat(spool.state(id)).as("state of acknowledged %s", id).isPresent();
            }
            assertThat(fileNames(root.resolve("incoming"))).isEmpty();
            for (String d : new String[] {"queue", "dead", "done"}) {
                assertThat(fileNames(root.resolve(d))).allMatch(n -> n.endsWith(".msg")
                        || Files.exists(root.resolve(d).resolve(n.replace(".journal", ".msg"))), "no lone journal");
            }
            assertThat(spool.usage().queuedMessages() + spool.usage().deadMessages()
                    + spool.usage().processedMessages()).isEqualTo(held);
        }
    }

    /** Starts the child, reads its acknowledgements, kills it with -9 once enough arrived. */
    private List<String> runAndKill(Path root, String... extra) throws Exception {
        Path stderr = dir.resolve("child.err");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                SpoolCrashChild.class.getName(), root.toString(), "4"));
        command.addAll(List.of(extra));
        Process child = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        List<String> acknowledged = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged.size() < ACKNOWLEDGED_BEFORE_KILL && (line = out.readLine()) != null) {
                if (line.startsWith(SpoolCrashChild.PREFIX)) {
                    acknowledged.add(line.substring(SpoolCrashChild.PREFIX.length()));
                }
            }
            // kill -9 while the other committers are mid-commit
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(acknowledged).as("child stderr: %s", Files.exists(stderr) ? Files.readString(stderr) : "")
                .hasSize(ACKNOWLEDGED_BEFORE_KILL);
        return acknowledged;
    }
}
