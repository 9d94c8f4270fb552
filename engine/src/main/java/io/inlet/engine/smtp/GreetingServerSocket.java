package io.inlet.engine.smtp;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;

/**
 * The listening socket. Its only addition: the first line each connection sends loses its
 * trailing blanks. SubEtha writes the greeting as {@code "220 " + host + " ESMTP " + softwareName}
 * (see {@code Session.runCommandLoop}), so an empty software name leaves {@code "220 host ESMTP "};
 * SES-RECEIVING.md wants exactly {@code 220 <hostname> ESMTP}. Everything after the first line
 * passes through untouched (STARTTLS layers over this socket and reads/writes through it).
 */
final class GreetingServerSocket extends ServerSocket {

    GreetingServerSocket() throws IOException {
        super(); // SubEtha binds it
    }

    @Override
    public Socket accept() throws IOException {
        if (isClosed()) {
            throw new SocketException("Socket is closed");
        }
        Socket socket = new GreetingSocket();
        implAccept(socket);
        return socket;
    }

    private static final class GreetingSocket extends Socket {
        private OutputStream output;

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (output == null) {
                output = new FirstLineTrimmer(super.getOutputStream());
            }
            return output;
        }
    }

    /** Holds back the first line until its CRLF, then writes it without trailing spaces. */
    static final class FirstLineTrimmer extends FilterOutputStream {
        private static final int MAX_LINE = 1024;
        private ByteArrayOutputStream firstLine = new ByteArrayOutputStream(128);

        FirstLineTrimmer(OutputStream out) {
            super(out);
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
