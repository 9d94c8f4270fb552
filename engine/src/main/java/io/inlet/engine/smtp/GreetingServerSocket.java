package io.inlet.engine.smtp;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * The listening socket. Its only addition: the first line each connection sends loses its
 * trailing blanks. SubEtha writes the greeting as {@code "220 " + host + " ESMTP " + softwareName}
 * (see {@code Session.runCommandLoop}), so an empty software name leaves {@code "220 host ESMTP "};
 * SES-RECEIVING.md wants exactly {@code 220 <hostname> ESMTP}. Everything after the first line
 * passes through untouched (STARTTLS layers over this socket and reads/writes through it).
 *
 * <p>It also lets the listener stop accepting without stopping SubEtha ({@link #stopAccepting()}):
 * SubEtha can only stop its accept thread together with every session, and its accept loop, when
 * the socket is closed under it, logs an ERROR and retries every second. Here the socket is
 * closed (so new connections are refused by the kernel) while {@link #accept()} waits quietly
 * until SubEtha's own {@code stop()} closes this socket or interrupts its thread.
 *
 * <p>For the metrics it counts the connections it accepts and hands each first line (as sent) to
 * {@link SmtpMetrics#firstLine}: SubEtha refuses a connection beyond its global limit before any
 * hook of ours runs, and that reply is the only trace of it.
 */
final class GreetingServerSocket extends ServerSocket {

    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean stoppedAccepting;
    private final SmtpMetrics metrics;

    GreetingServerSocket(SmtpMetrics metrics) throws IOException {
        super(); // SubEtha binds it
        this.metrics = metrics;
    }

    @Override
    public Socket accept() throws IOException {
        if (!isClosed()) {
            Socket socket = new GreetingSocket(metrics::firstLine);
            try {
                implAccept(socket);
                metrics.connected();
                return socket;
            } catch (IOException e) {
                if (!stoppedAccepting) {
                    throw e;
                }
            }
        }
        if (stoppedAccepting) {
            try {
                closed.await(); // until SubEtha's stop(): it sets its shutdown flag before closing
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new SocketException("Socket is closed");
    }

    /** Closes the listening socket: connecting clients are refused; SubEtha's accept thread waits. */
    void stopAccepting() throws IOException {
        stoppedAccepting = true;
        super.close();
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        super.close();
    }

    private static final class GreetingSocket extends Socket {
        private final Consumer<String> firstLine;
        private OutputStream output;

        GreetingSocket(Consumer<String> firstLine) {
            this.firstLine = firstLine;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (output == null) {
                output = new FirstLineTrimmer(super.getOutputStream(), firstLine);
            }
            return output;
        }
    }

    /** Holds back the first line until its CRLF, then writes it without trailing spaces. */
    static final class FirstLineTrimmer extends FilterOutputStream {
        private static final int MAX_LINE = 1024;
        private ByteArrayOutputStream firstLine = new ByteArrayOutputStream(128);
        private final Consumer<String> sent;

        FirstLineTrimmer(OutputStream out) {
            this(out, line -> { });
        }

        /** @param sent told the first line (trimmed, without CRLF) just before it is written */
        FirstLineTrimmer(OutputStream out, Consumer<String> sent) {
            super(out);
            this.sent = sent;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            if (firstLine == null) {
                out.write(b);
                return;
            }
            firstLine.write(b);
            byte[] line = firstLine.toByteArray();
            int n = line.length;
            if (n >= 2 && line[n - 2] == '\r' && line[n - 1] == '\n') {
                int end = n - 2;
                while (end > 0 && line[end - 1] == ' ') {
                    end--;
                }
                firstLine = null;
                line[end] = '\r';
                line[end + 1] = '\n';
                // told first: whoever reads the reply then finds it counted
                sent.accept(new String(line, 0, end, java.nio.charset.StandardCharsets.US_ASCII));
                out.write(line, 0, end + 2); // one write: one segment on the wire
            } else if (n > MAX_LINE) {
                firstLine = null; // not a greeting we know; do not hold anything back
                out.write(line);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            int i = 0;
            while (firstLine != null && i < len) {
                write(b[off + i++]);
            }
            if (i < len) {
                out.write(b, off + i, len - i);
            }
        }
    }
}
