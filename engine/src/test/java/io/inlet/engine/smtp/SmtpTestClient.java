package io.inlet.engine.smtp;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A raw-socket SMTP client for protocol edge cases: it writes exactly the bytes it is given
 * (pipelining, bare LF, smuggling attempts) and reads replies line by line, multi-line replies
 * as one string with "\n" between the lines.
 */
final class SmtpTestClient implements AutoCloseable {

    private static final int READ_TIMEOUT_MILLIS = 20_000;

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private SmtpTestClient(Socket socket) throws IOException {
        use(socket);
    }

    /** Connects from {@code fromIp} (a loopback address such as 127.0.0.3, to exercise the IP filters). */
    static SmtpTestClient connect(int port, String fromIp) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(fromIp, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
        return new SmtpTestClient(socket);
    }

    static SmtpTestClient connect(int port) throws IOException {
        return connect(port, "127.0.0.1");
    }

    private void use(Socket next) throws IOException {
        socket = next;
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Reads one (possibly multi-line) reply; null if the server closed the connection first. */
    String reply() throws IOException {
        StringBuilder reply = new StringBuilder();
        while (true) {
            String line = line();
            if (line == null) {
                if (reply.length() == 0) {
                    return null;
                }
                throw new IOException("connection closed inside a reply: " + reply);
            }
            if (reply.length() > 0) {
                reply.append('\n');
            }
            reply.append(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return reply.toString();
            }
        }
    }

    List<String> replies(int count) throws IOException {
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            replies.add(reply());
        }
        return replies;
    }

    /** Sends one command line and returns its reply. */
    String command(String line) throws IOException {
        send(line);
        return reply();
    }

    void send(String line) throws IOException {
        write(line + "\r\n");
    }

    void write(String raw) throws IOException {
        write(raw.getBytes(StandardCharsets.UTF_8));
    }

    void write(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

    OutputStream output() {
        return out;
    }

    /** EHLO, returning the reply's lines. */
    List<String> ehlo(String name) throws IOException {
        return List.of(command("EHLO " + name).split("\n"));
    }

    /** Greeting, EHLO, MAIL and the recipients (asserting nothing): the usual start of a test. */
    void envelope(String from, String... recipients) throws IOException {
        reply();
        command("EHLO client.test");
        command("MAIL FROM:<" + from + ">");
        for (String recipient : recipients) {
            command("RCPT TO:<" + recipient + ">");
        }
    }

    /** STARTTLS then the handshake, trusting what {@code context} trusts (optionally offering only {@code suites}). */
    SSLSocket startTls(SSLContext context, String... suites) throws IOException {
        String reply = command("STARTTLS");
        if (!reply.startsWith("220")) {
            throw new IOException("STARTTLS refused: " + reply);
        }
        return handshake(context, suites);
    }

    /** The client side of the TLS handshake on this connection (after a 220 to STARTTLS). */
    SSLSocket handshake(SSLContext context, String... suites) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, "localhost", socket.getPort(), true);
        tls.setUseClientMode(true);
        if (suites.length > 0) {
            tls.setEnabledCipherSuites(suites);
        }
        tls.startHandshake();
        use(tls);
        return tls;
    }

    /** True when nothing arrives within {@code millis} (nothing is consumed). */
    boolean isSilentFor(int millis) throws IOException {
        int previous = socket.getSoTimeout();
        socket.setSoTimeout(millis);
        in.mark(1);
        try {
            in.read(); // data or EOF: not silent
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            in.reset();
            socket.setSoTimeout(previous);
        }
    }

    /** True once the server closed the connection (EOF or reset); false if it is open and silent. */
    boolean isClosedByServer() throws IOException {
        int previous = socket.getSoTimeout();
        socket.setSoTimeout(200);
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(previous);
            }
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (IOException e) {
                if (line.size() == 0 && !(e instanceof SocketTimeoutException)) {
                    return null; // reset by the server
                }
                throw e;
            }
            if (b == -1) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(b);
            previous = b;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
