package io.inlet.engine.smtp;

import io.inlet.engine.message.AcceptedMessage;
import io.inlet.engine.snapshot.SnapshotHolder;
import io.inlet.engine.spool.FileSpool;
import io.inlet.engine.spool.Spool;
import io.inlet.engine.spool.SpoolSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;

/** A started listener on a loopback port with a real {@link FileSpool} under a temp directory. */
final class TestMx implements AutoCloseable {

    final Spool spool;
    final SnapshotHolder snapshots;
    final SmtpListener listener;

    private TestMx(Spool spool, SnapshotHolder snapshots, SmtpListener listener) {
        this.spool = spool;
        this.snapshots = snapshots;
        this.listener = listener;
    }

    static TestMx start(Path spoolDir, Consumer<SmtpSettings.Builder> settings) {
        return start(SpoolSettings.defaults(spoolDir), Function.identity(), settings);
    }

    /** {@code wrap} may put a fault-injecting decorator around the file spool. */
    static TestMx start(SpoolSettings spoolSettings, Function<Spool, Spool> wrap, Consumer<SmtpSettings.Builder> settings) {
        Spool spool;
        try {
            spool = wrap.apply(FileSpool.open(spoolSettings));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SmtpSettings.Builder builder = SmtpFixtures.settings();
        settings.accept(builder);
        SnapshotHolder snapshots = SmtpFixtures.snapshots();
        SmtpListener listener = new SmtpListener(builder.build(), snapshots, spool, SmtpFixtures.CLOCK);
        listener.start();
        return new TestMx(spool, snapshots, listener);
    }

    int port() {
        return listener.port();
    }

    SmtpTestClient connect() throws IOException {
        return SmtpTestClient.connect(port());
    }

    SmtpTestClient connect(String fromIp) throws IOException {
        return SmtpTestClient.connect(port(), fromIp);
    }

    AcceptedMessage metadata(String messageId) {
        return spool.metadata(messageId).orElseThrow(() -> new AssertionError("not in the spool: " + messageId));
    }

    String body(String messageId) throws IOException {
        try (InputStream in = spool.openBody(messageId)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** The message ID in a {@code 250 2.6.0 Message received: <id>} reply. */
    static String messageId(String reply) {
        String prefix = "250 2.6.0 Message received: ";
        if (!reply.startsWith(prefix)) {
            throw new AssertionError("not an acceptance: " + reply);
        }
        return reply.substring(prefix.length());
    }

    @Override
    public void close() {
        try {
            listener.close();
        } finally {
            spool.close();
        }
    }
}
