package io.inlet.deploy.testing;

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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A raw-socket SMTP client for the deploy tests (cli, it, e2e): it writes exactly the bytes it is given
 * (so bare LF, smuggling and oversized streams reach the daemon unchanged), can bind the client
 * side to any loopback address (for the IP filters), and reads multi-line replies as one string
 * with {@code "\n"} between the lines. {@link #sendMail} sends one message in a session of its own.
 */
public final class SmtpClient implements AutoCloseable {

    /** {@code 250 2.6.0 Message received: <messageId>}, the ID being 40 base32hex characters. */
    public static final Pattern ACCEPTED = Pattern.compile("250 2\\.6\\.0 Message received: ([0-9a-v]{40})");

    private static final int TIMEOUT_MILLIS = 20_000;

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private String greeting;

    private SmtpClient(Socket socket) throws IOException {
        use(socket);
    }

    /** Connects to 127.0.0.1:{@code port} from {@code fromIp} (e.g. 127.0.0.3, to exercise IP filters). */
    public static SmtpClient connect(int port, String fromIp) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(fromIp, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
        return new SmtpClient(socket);
    }

    public static SmtpClient connect(int port) throws IOException {
        return connect(port, "127.0.0.1");
    }

    /** Connects and reads the greeting (returned by {@link #greeting()}). */
    public static SmtpClient open(int port) throws IOException {
        SmtpClient client = connect(port);
        client.greeting = client.reply();
        return client;
    }

    /**
     * One message in a session of its own to 127.0.0.1:{@code port}: the 220 greeting, EHLO, the
     * transaction of {@link #send(String, List, String)} and QUIT; returns the message ID.
     */
    public static String sendMail(int port, String from, List<String> recipients, String message) throws IOException {
        try (SmtpClient client = open(port)) {
            expect("greeting", client.greeting(), "220");
            expect("EHLO", client.command("EHLO client.test"), "250");
            String id = client.send(from, recipients, message);
            expect("QUIT", client.command("QUIT"), "221");
            return id;
        }
    }

    /** {@link #sendMail(int, String, List, String)} to one recipient. */
    public static String sendMail(int port, String from, String to, String message) throws IOException {
        return sendMail(port, from, List.of(to), message);
    }

    private static void expect(String step, String reply, String code) throws IOException {
        if (reply == null || !reply.startsWith(code)) {
            throw new IOException(step + ": expected " + code + ", got " + reply);
        }
    }

    /** The 220 greeting read by {@link #open}. */
    public String greeting() {
        return greeting;
    }

    private void use(Socket next) throws IOException {
        socket = next;
        socket.setSoTimeout(TIMEOUT_MILLIS);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** One reply, possibly multi-line; null when the server closed the connection first. */
    public String reply() throws IOException {
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

    /** Sends one command line (CRLF added) and returns its reply. */
    public String command(String line) throws IOException {
        send(line);
        return reply();
    }

    public void send(String line) throws IOException {
        write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    public void write(String raw) throws IOException {
        write(raw.getBytes(StandardCharsets.UTF_8));
    }

    public void write(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

    public OutputStream output() {
        return out;
    }

    /** EHLO; the reply's lines. */
    public List<String> ehlo(String name) throws IOException {
        return List.of(command("EHLO " + name).split("\n"));
    }

    /**
     * DATA, then {@code message} (CRLF line ends, without the terminator), then
     * {@code CRLF.CRLF}; returns the reply to the terminator. Fails when DATA is refused.
     */
    public String data(String message) throws IOException {
        String go = command("DATA");
        if (!go.startsWith("354")) {
            throw new IOException("DATA refused: " + go);
        }
        write(message.endsWith("\r\n") ? message + ".\r\n" : message + "\r\n.\r\n");
        return reply();
    }

    /**
     * A whole transaction on this session (EHLO must have been sent): MAIL, each RCPT (each must
     * be accepted), DATA; returns the message ID of the 250 reply.
     */
    public String send(String from, List<String> recipients, String message) throws IOException {
        String mail = command("MAIL FROM:<" + from + ">");
        if (!mail.startsWith("250")) {
            throw new IOException("MAIL refused: " + mail);
        }
        for (String recipient : recipients) {
            String rcpt = command("RCPT TO:<" + recipient + ">");
            if (!rcpt.startsWith("250")) {
                throw new IOException("RCPT " + recipient + " refused: " + rcpt);
            }
        }
        return messageId(data(message));
    }

    /** The message ID of a {@code 250 2.6.0 Message received: …} reply; fails for any other reply. */
    public static String messageId(String reply) throws IOException {
        Matcher m = ACCEPTED.matcher(reply == null ? "" : reply);
        if (!m.matches()) {
            throw new IOException("message not accepted: " + reply);
        }
        return m.group(1);
    }

    /** STARTTLS and the handshake, trusting what {@code context} trusts. */
    public SSLSocket startTls(SSLContext context) throws IOException {
        String reply = command("STARTTLS");
        if (!reply.startsWith("220")) {
            throw new IOException("STARTTLS refused: " + reply);
        }
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, "localhost", socket.getPort(), true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        use(tls);
        return tls;
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException e) {
                if (line.size() == 0) {
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
