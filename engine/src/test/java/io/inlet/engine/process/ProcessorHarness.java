package io.inlet.engine.process;

import io.inlet.engine.message.Envelope;
import io.inlet.engine.message.TenantPlan;
import io.inlet.engine.spool.DeadLetter;
import io.inlet.engine.spool.FileSpool;
import io.inlet.engine.spool.SpoolSettings;
import io.inlet.engine.spool.SpoolState;
import io.inlet.engine.verdicts.VerdictService;
import io.inlet.rules.spi.ActionPlugin;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;

/** A real FileSpool in a temp dir, a processor over it, and one {@link TestPlugin} per action type. */
final class ProcessorHarness implements AutoCloseable {

    static final List<String> TYPES = List.of("S3Action", "BounceAction", "WorkmailAction", "LambdaAction",
            "StopAction", "AddHeaderAction", "SNSAction", "ConnectAction", "CustomAction");

    final List<String> trail = new CopyOnWriteArrayList<>();
    final Map<String, TestPlugin> plugins = new LinkedHashMap<>();
    private final Path root;
    private final ProcessingSettings settings;
    private final VerdictService verdicts;
    FileSpool spool;
    MessageProcessor processor;

    ProcessorHarness(Path root, ProcessingSettings settings, VerdictService verdicts) throws IOException {
        this.root = root;
        this.settings = settings;
        this.verdicts = verdicts;
        TYPES.forEach(t -> plugins.put(t, new TestPlugin(t, trail)));
        spool = FileSpool.open(SpoolSettings.defaults(root));
    }

    TestPlugin plugin(String type) {
        return plugins.get(type);
    }

    ProcessorHarness start() {
        processor = new MessageProcessor(spool, verdicts, Map.copyOf(plugins), settings);
        processor.start();
        return this;
    }

    /** A crash as far as processing can tell: the processor and spool go away, then come back on the same directory. */
    void restart(Duration grace) throws IOException {
        processor.close(grace);
        spool.close();
        spool = FileSpool.open(SpoolSettings.defaults(root));
        start();
    }

    String send(String body, Envelope envelope, TenantPlan... plans) throws Exception {
        return ProcessFixtures.spool(spool, body, envelope, plans);
    }

    /** Processing completed: the spool moved the message out of the queue into its processed area. */
    void awaitDone(String id) {
        await().atMost(Duration.ofSeconds(20)).until(() -> spool.state(id), s -> s.equals(Optional.of(SpoolState.PROCESSED)));
    }

    DeadLetter awaitDead(String id) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> deadLetter(id), Optional::isPresent).get();
    }

    Optional<DeadLetter> deadLetter(String id) {
        return spool.deadLetters().stream().filter(d -> d.messageId().equals(id)).findFirst();
    }

    ProcessingStatus status(String id) throws IOException {
        return MessageProcessor.status(spool, id).orElseThrow();
    }

    Map<String, ActionPlugin> pluginMap() {
        return Map.copyOf(plugins);
    }

    @Override
    public void close() {
        if (processor != null) {
            processor.close(Duration.ofSeconds(1));
        }
        spool.close();
    }
}
