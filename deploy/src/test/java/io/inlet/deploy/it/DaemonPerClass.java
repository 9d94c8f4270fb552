package io.inlet.deploy.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ses.SesClient;

import java.nio.file.Path;
import java.util.Map;

/**
 * The fixture of the SDK integration tests that need one daemon for the whole class: a
 * {@link RunningInlet} on the class's temporary data directory and a us-east-1 client for it. A
 * subclass starts it from its own {@code @BeforeAll} with {@link #startDaemon}; it is closed
 * after the class. The fields are static and therefore shared by the subclasses, which is safe as
 * test classes run one after the other (no parallel execution is configured).
 */
abstract class DaemonPerClass {
    @TempDir
    static Path dataDir;
    static RunningInlet inlet;
    static SesClient ses;

    /** Starts the class's daemon on {@link #dataDir}; {@code settings} as for {@link RunningInlet#start(Path, Map)}. */
    static void startDaemon(Map<String, String> settings) {
        inlet = RunningInlet.start(dataDir, settings);
        ses = inlet.ses();
    }

    @AfterAll
    static void stopDaemon() {
        if (inlet != null) {
            inlet.close();
            inlet = null;
            ses = null;
        }
    }
}
