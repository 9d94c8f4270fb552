package io.inlet.engine.spool;

import io.inlet.engine.message.AcceptedMessage;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One message being received: its bytes stream through a buffer into {@code incoming/<id>.msg},
 * so memory use is the buffer whatever the message size. {@link #commit} appends the metadata and
 * the footer ({@link MessageFile}), fdatasyncs the file once and hands it to the spool;
 * {@link #close} without a commit deletes it and frees its reservation.
 */
final class FileSpoolWriter implements SpoolWriter {

    private static final int BUFFER = 64 * 1024;

    /** What the spool does to queue a received body (see {@link FileSpool}). */
    interface Queue {
        void enqueue(String id, Path received, long size) throws IOException;
    }

    private enum State { OPEN, COMMITTED, DISCARDED }

    private final String id;
    private final Path file;
    private final FileChannel channel;
    private final SpoolCounters counters;
    private final Queue queue;
    private final MetadataCodec codec;
    private final BufferedOutputStream buffered;
    private final OutputStream body;
    private long size;
    private long flushed;
    private State state = State.OPEN;

    /** Creates the file; the caller already reserved a slot in {@code counters}. */
    FileSpoolWriter(String id, Path file, SpoolCounters counters, MetadataCodec codec, Queue queue)
            throws IOException {
        this.id = id;
        this.codec = codec;
        this.file = file;
        this.counters = counters;
        this.queue = queue;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        this.buffered = new BufferedOutputStream(new Counting(Channels.newOutputStream(channel)), BUFFER);
        this.body = new Body();
    }

    @Override
    public String messageId() {
        return id;
    }

    @Override
    public OutputStream body() {
        return body;
    }

    @Override
    public synchronized long size() {
        return size;
    }

    @Override
    public synchronized void commit(AcceptedMessage metadata) throws IOException {
        if (state != State.OPEN) {
            throw new IOException("message " + id + " was already " + state.name().toLowerCase());
        }
        try {
            if (!id.equals(metadata.messageId())) {
                throw new IllegalArgumentException("metadata is for " + metadata.messageId() + ", not " + id);
            }
            byte[] json = codec.encode(metadata);
            buffered.flush();
            // not through the buffer: the trailer is no message bytes, so the counters must not see it
            MessageFile.writeTrailer(channel, size, json);
            // the one file sync of the accept path: body, metadata and size (not the file's times),
            // before the file gets a name in queue/
            channel.force(false);
            channel.close();
            queue.enqueue(id, file, size);
            state = State.COMMITTED;
        } finally {
            if (state != State.COMMITTED) {
                close();
            }
        }
    }

    @Override
    public synchronized void close() {
        if (state != State.OPEN) {
            return;
        }
        state = State.DISCARDED;
        try {
            channel.close();
        } catch (IOException ignored) {
            // the file is deleted next; nothing to save
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // incoming/ is emptied at the next start anyway
        }
        counters.released(flushed);
    }

    /** What callers write to: refuses writes once committed or discarded; close() only flushes. */
    private final class Body extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            synchronized (FileSpoolWriter.this) {
                open();
                buffered.write(b);
                size++;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (FileSpoolWriter.this) {
                open();
                buffered.write(b, off, len);
                size += len;
            }
        }

        @Override
        public void flush() throws IOException {
            synchronized (FileSpoolWriter.this) {
                if (state == State.OPEN) {
                    buffered.flush();
                }
            }
        }

        @Override
        public void close() throws IOException {
            flush(); // the writer's commit/close decides the file's fate, not the stream's close
        }

        private void open() throws IOException {
            if (state != State.OPEN) {
                throw new IOException("message " + id + " was already " + state.name().toLowerCase());
            }
        }
    }

    /** Counts bytes as the buffer drains, so the spool's byte bound sees messages in flight. */
    private final class Counting extends OutputStream {
        private final OutputStream out;

        Counting(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            account(1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            account(len);
        }

        private void account(long n) {
            flushed += n;
            counters.received(n);
        }
    }
}
