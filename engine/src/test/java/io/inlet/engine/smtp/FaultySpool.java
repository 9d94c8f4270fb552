package io.inlet.engine.smtp;

import io.inlet.engine.message.AcceptedMessage;
import io.inlet.engine.message.MessageBytes;
import io.inlet.engine.spool.DeadLetter;
import io.inlet.engine.spool.Journal;
import io.inlet.engine.spool.Spool;
import io.inlet.engine.spool.SpoolException;
import io.inlet.engine.spool.SpoolState;
import io.inlet.engine.spool.SpoolUsage;
import io.inlet.engine.spool.SpoolWriter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A real spool with switchable faults: {@code begin()} failing (not full) and {@code commit()}
 * failing, which a healthy local disk cannot be made to do on demand (the tests run as root, so
 * permissions do not help). Everything else goes to the real spool.
 */
final class FaultySpool implements Spool {

    private final Spool spool;
    volatile boolean failBegin;
    volatile boolean failCommit;

    FaultySpool(Spool spool) {
        this.spool = spool;
    }

    @Override
    public SpoolWriter begin() throws SpoolException {
        if (failBegin) {
            throw new SpoolException("injected: cannot write", false, null);
        }
        SpoolWriter writer = spool.begin();
        return new SpoolWriter() {
            @Override
            public String messageId() {
                return writer.messageId();
            }

            @Override
            public OutputStream body() {
                return writer.body();
            }

            @Override
            public long size() {
                return writer.size();
            }

            @Override
            public void commit(AcceptedMessage metadata) throws IOException {
                if (failCommit) {
                    throw new IOException("injected: fsync failed");
                }
                writer.commit(metadata);
            }

            @Override
            public void close() {
                writer.close();
            }
        };
    }

    @Override
    public List<String> queued() {
        return spool.queued();
    }

    @Override
    public List<String> ids(SpoolState state) {
        return spool.ids(state);
    }

    @Override
    public Optional<SpoolState> state(String messageId) {
        return spool.state(messageId);
    }

    @Override
    public Optional<AcceptedMessage> metadata(String messageId) {
        return spool.metadata(messageId);
    }

    @Override
    public InputStream openBody(String messageId) throws IOException {
        return spool.openBody(messageId);
    }

    @Override
    public MessageBytes body(String messageId) throws IOException {
        return spool.body(messageId);
    }

    @Override
    public Journal journal(String messageId) throws IOException {
        return spool.journal(messageId);
    }

    @Override
    public void complete(String messageId) throws IOException {
        spool.complete(messageId);
    }

    @Override
    public void deadLetter(String messageId, String reason) throws IOException {
        spool.deadLetter(messageId, reason);
    }

    @Override
    public List<DeadLetter> deadLetters() {
        return spool.deadLetters();
    }

    @Override
    public void replay(String messageId) throws IOException {
        spool.replay(messageId);
    }

    @Override
    public boolean delete(String messageId) throws IOException {
        return spool.delete(messageId);
    }

    @Override
    public void addQueueListener(Consumer<String> listener) {
        spool.addQueueListener(listener);
    }

    @Override
    public SpoolUsage usage() {
        return spool.usage();
    }

    @Override
    public void close() {
        spool.close();
    }
}
