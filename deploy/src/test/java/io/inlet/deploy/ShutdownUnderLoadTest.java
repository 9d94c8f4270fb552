package io.inlet.deploy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.ReceiptAction;
import software.amazon.awssdk.services.ses.model.ReceiptRule;
import software.amazon.awssdk.services.ses.model.S3Action;
import software.amazon.awssdk.services.ses.model.TlsPolicy;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Graceful shutdown of {@code inlet serve} under load, as an operator sees it: 8 clients send
 * mail continuously, one more is in the middle of DATA, and the daemon gets SIGTERM. It must exit
 * within its deadlines; clients see only 250, 421 or a refused/closed connection; the transfer in
 * DATA finishes with a 250; and every message that got a 250 is either stored already (the S3
 * action's object) or still in the spool queue, and is stored after the next start on the same
 * data directory. Nothing acknowledged is lost.
 */
class ShutdownUnderLoadTest {

    private static final String ACCESS_KEY = "AKIAINLETTEST0000001";
    private static final String SECRET_KEY = "inlet-test-secret-key-0000000000000000000";
    private static final String ACCOUNT = "111122223333";
    private static final Duration SMTP_DEADLINE = Duration.ofSeconds(10);
    private static final Duration PROCESSING_GRACE = Duration.ofSeconds(5);
    private static final int LOAD_CLIENTS = 8;
    private static final int MESSAGES_PER_CONNECTION = 25;
    private static final Pattern READY = Pattern.compile(
            "Inlet ready: SES API http://127\\.0\\.0\\.1:(\\d+)/ .*SMTP 127\\.0\\.0\\.1:(\\d+) ");
    private static final Pattern ACCEPTED = Pattern.compile("^250 2\\.6\\.0 Message received: (\\S+)$");

    @TempDir
    Path dir;

    private final List<Daemon> daemons = new ArrayList<>();

    /** What the clients saw. */
    private final Queue<String> acceptedIds = new ConcurrentLinkedQueue<>();
    private final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
    private final AtomicInteger shuttingDownReplies = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private volatile boolean sigtermSent;
    private final CountDownLatch shutdownSeen = new CountDownLatch(1);

    @AfterEach
    void killLeftovers() {
        daemons.forEach(d -> d.process.destroyForcibly());
    }

    @Test
    void sigtermUnderLoadLosesNothingThatGot250AndTheNextStartDeliversIt() throws Exception {
        Path data = dir.resolve("data");
        Daemon daemon = start(data);
        configureReceiving(daemon);

        ExecutorService clients = Executors.newFixedThreadPool(LOAD_CLIENTS + 1);
        try {
            CountDownLatch inData = new CountDownLatch(1);
            Future<String> inFlight = clients.submit(() -> transferAcrossShutdown(daemon.smtpPort, inData));
            List<Future<?>> load = new ArrayList<>();
            for (int i = 0; i < LOAD_CLIENTS; i++) {
                int client = i;
                load.add(clients.submit(() -> sendContinuously(daemon.smtpPort, client)));
            }
            // under load: messages flowing, one transfer parked in the middle of DATA
            assertThat(inData.await(30, TimeUnit.SECONDS)).isTrue();
            await("load").atMost(Duration.ofSeconds(60)).until(() -> acceptedIds.size() >= 100);

            sigtermSent = true;
            long sigterm = System.nanoTime();
            daemon.sigterm();
            assertThat(daemon.process.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
            Duration exitedAfter = Duration.ofNanos(System.nanoTime() - sigterm);
            assertThat(exitedAfter).as("exit after SIGTERM").isLessThan(SMTP_DEADLINE.plus(PROCESSING_GRACE));
            assertThat(daemon.output()).anyMatch(l -> l.contains("Inlet stopped"));

            for (Future<?> client : load) {
                client.get(30, TimeUnit.SECONDS); // each ends once a connection is refused
            }
            // the transfer in DATA when shutdown began finished with its 250 after the 421s of the others
            String inFlightId = inFlight.get(30, TimeUnit.SECONDS);
            assertThat(inFlightId).isNotNull();
            assertThat(unexpected).as("replies other than 220/250/354/421, or trouble before SIGTERM").isEmpty();
            assertThat(shuttingDownReplies.get() + refused.get() + closed.get()).isPositive();

            // every acknowledged message is stored or still queued: nothing with a 250 is lost
            Path bucket = data.resolve("s3").resolve("mail");
            Path queue = data.resolve("spool").resolve("queue");
            Set<String> ids = Set.copyOf(acceptedIds);
            assertThat(ids).hasSize(acceptedIds.size()).contains(inFlightId);
            List<String> lost = new ArrayList<>();
            int queued = 0;
            for (String id : ids) {
                // one file per message: body, metadata and footer (renamed into queue/ only when complete)
                if (Files.exists(queue.resolve(id + ".msg"))) {
                    queued++;
                } else if (!Files.exists(bucket.resolve(id))) {
                    lost.add(id);
                }
            }
            assertThat(lost).as("acknowledged but neither stored nor queued").isEmpty();
            System.out.printf("shutdown under load: %d acknowledged (%d still queued at exit), %d x 421, %d refused, "
                            + "%d closed; exit %d ms after SIGTERM%n", ids.size(), queued, shuttingDownReplies.get(),
                    refused.get(), closed.get(), exitedAfter.toMillis());

            // the next start on the same data directory resumes the queue
            Daemon again = start(data);
            await("every acknowledged message stored").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> ids.stream().allMatch(id -> Files.exists(bucket.resolve(id))));
            for (String id : ids) {
                assertThat(Files.readString(bucket.resolve(id))).contains("Hello from the load test.");
            }
            again.sigterm();
            assertThat(again.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            clients.shutdownNow();
        }
    }

    // --- the clients ---------------------------------------------------------------------------

    /** Sends messages over and over (reconnecting every few) until a connection is refused. */
    private Void sendContinuously(int port, int client) {
        int sent = 0;
        while (true) {
            Smtp smtp;
            try {
                smtp = Smtp.connect(port);
            } catch (ConnectException e) {
                if (!sigtermSent) {
                    unexpected.add("connection refused before SIGTERM");
                }
                refused.incrementAndGet();
                seenShutdown();
                return null;
            } catch (IOException e) {
                unexpected.add("connect failed: " + e);
                return null;
            }
            try (smtp) {
                if (!expect(smtp.reply(), 220) || !expect(smtp.command("EHLO load" + client + ".test"), 250)) {
                    continue;
                }
                boolean open = true;
                for (int i = 0; open && i < MESSAGES_PER_CONNECTION; i++) {
                    open = sendOne(smtp, "load " + client + "/" + sent++);
                }
                if (open) {
                    smtp.command("QUIT"); // 221, or 421 while shutting down, or nothing
                }
            } catch (IOException e) {
                connectionClosed(e);
            }
        }
    }

    /** One transaction; false once the session is over (421 or closed). */
    private boolean sendOne(Smtp smtp, String subject) throws IOException {
        if (!expect(smtp.command("MAIL FROM:<sender@client.test>"), 250)
                || !expect(smtp.command("RCPT TO:<x@example.com>"), 250)
                || !expect(smtp.command("DATA"), 354)) {
            return false;
        }
        smtp.write(message(subject) + ".\r\n");
        return accepted(smtp.reply()) != null;
    }

    /**
     * Parks in the middle of DATA until the others have seen the shutdown, then finishes: the
     * reply must be 250 (the drain lets a transfer in progress complete), and the next command 421.
     */
    private String transferAcrossShutdown(int port, CountDownLatch inData) throws Exception {
        try (Smtp smtp = Smtp.connect(port)) {
            assertThat(smtp.reply()).startsWith("220 ");
            assertThat(smtp.command("EHLO inflight.test")).startsWith("250");
            assertThat(smtp.command("MAIL FROM:<sender@client.test>")).startsWith("250 ");
            assertThat(smtp.command("RCPT TO:<x@example.com>")).startsWith("250 ");
            assertThat(smtp.command("DATA")).startsWith("354 ");
            String message = message("in flight across the shutdown");
            smtp.write(message.substring(0, message.length() / 2));
            inData.countDown();
            assertThat(shutdownSeen.await(60, TimeUnit.SECONDS)).isTrue();
            smtp.write(message.substring(message.length() / 2) + ".\r\n");
            String reply = smtp.reply();
            String id = accepted(reply);
            assertThat(id).as("reply to the transfer in DATA: %s", reply).isNotNull();
            String next = smtp.command("NOOP");
            assertThat(next).startsWith("421 4.3.2 ");
            return id;
        }
    }

    private void seenShutdown() {
        if (sigtermSent) {
            shutdownSeen.countDown();
        }
    }

    /** True if {@code reply} has the code; a 421 or a closed connection end the session (false). */
    private boolean expect(String reply, int code) {
        if (reply == null) {
            connectionClosed(null);
            return false;
        }
        if (reply.startsWith(code + " ") || reply.startsWith(code + "-")) {
            return true;
        }
        if (reply.startsWith("421 ")) {
            if (!sigtermSent) {
                unexpected.add("before SIGTERM: " + reply);
            }
            shuttingDownReplies.incrementAndGet();
            seenShutdown();
        } else {
            unexpected.add(reply);
        }
        return false;
    }

    /** The message ID of a 250 after DATA, recorded; null (and counted) for anything else. */
    private String accepted(String reply) {
        Matcher m = reply == null ? null : ACCEPTED.matcher(reply);
        if (m != null && m.matches()) {
            acceptedIds.add(m.group(1));
            return m.group(1);
        }
        expect(reply, 250);
        return null;
    }

    private void connectionClosed(IOException e) {
        if (!sigtermSent) {
            unexpected.add("connection closed before SIGTERM" + (e == null ? "" : ": " + e));
        }
        closed.incrementAndGet();
        seenShutdown();
    }

    private static String message(String subject) {
        return "From: sender@client.test\r\n"
                + "To: x@example.com\r\n"
                + "Subject: " + subject + "\r\n"
                + "\r\n"
                + "Hello from the load test.\r\n".repeat(20);
    }

    // --- the daemon ----------------------------------------------------------------------------

    private Daemon start(Path data) throws Exception {
        Daemon daemon = Daemon.start(dir, Map.of(
                "INLET_SMTP_HOST", "127.0.0.1",
                "INLET_ACCESS_KEY_ID", ACCESS_KEY,
                "INLET_SECRET_ACCESS_KEY", SECRET_KEY,
                "INLET_ACCOUNT_ID", ACCOUNT,
                "INLET_ACTIONS_S3_BUCKETS", "mail",
                "INLET_DNS_RESOLVERS", "127.0.0.1:9",
                "INLET_DNS_TIMEOUT", "100ms",
                "INLET_SMTP_SHUTDOWN_DEADLINE", SMTP_DEADLINE.toSeconds() + "s",
                "INLET_PROCESSING_SHUTDOWN_GRACE", PROCESSING_GRACE.toSeconds() + "s"),
                "serve", "--data-dir", data.toString(), "--api-port", "0", "--smtp-port", "0");
        daemons.add(daemon);
        return daemon;
    }

    /** A domain identity, a rule set whose one rule stores mail in the embedded bucket, active; then waits for SMTP. */
    private static void configureReceiving(Daemon daemon) throws Exception {
        try (SesClient ses = SesClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + daemon.apiPort))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            ses.verifyDomainIdentity(b -> b.domain("example.com"));
            ses.createReceiptRuleSet(b -> b.ruleSetName("main"));
            ReceiptRule rule = ReceiptRule.builder().name("store").enabled(true).tlsPolicy(TlsPolicy.OPTIONAL)
                    .scanEnabled(false).recipients("example.com")
                    .actions(ReceiptAction.builder().s3Action(S3Action.builder().bucketName("mail").build()).build())
                    .build();
            ses.createReceiptRule(b -> b.ruleSetName("main").rule(rule));
            ses.setActiveReceiptRuleSet(b -> b.ruleSetName("main"));
        }
        await("SMTP accepts x@example.com").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    try (Smtp smtp = Smtp.connect(daemon.smtpPort)) {
                        smtp.reply();
                        smtp.command("EHLO probe.test");
                        smtp.command("MAIL FROM:<probe@client.test>");
                        String rcpt = smtp.command("RCPT TO:<x@example.com>");
                        smtp.command("QUIT");
                        return rcpt != null && rcpt.startsWith("250 ");
                    }
                });
    }

    /** {@code inlet serve} in a child JVM with the test class path; its output drained by a thread. */
    private static final class Daemon {
        final Process process;
        final int apiPort;
        final int smtpPort;
        private final List<String> lines;

        private Daemon(Process process, List<String> lines, int apiPort, int smtpPort) {
            this.process = process;
            this.lines = lines;
            this.apiPort = apiPort;
            this.smtpPort = smtpPort;
        }

        static Daemon start(Path workDir, Map<String, String> env, String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName()));
            command.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
            pb.environment().keySet().removeIf(k -> k.startsWith("INLET_"));
            pb.environment().putAll(env);
            Process process = pb.start();
            List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread drain = new Thread(() -> {
                try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // the process is gone
                }
            }, "daemon-output-" + process.pid());
            drain.setDaemon(true);
            drain.start();
            Matcher[] ready = new Matcher[1];
            await("ready line").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError("inlet serve exited:\n" + String.join("\n", List.copyOf(lines)));
                }
                synchronized (lines) {
                    for (String line : lines) {
                        Matcher m = READY.matcher(line);
                        if (m.find()) {
                            ready[0] = m;
                            return true;
                        }
                    }
                }
                return false;
            });
            return new Daemon(process, lines, Integer.parseInt(ready[0].group(1)), Integer.parseInt(ready[0].group(2)));
        }

        /** SIGTERM as systemd sends it ({@code Process.destroy} would also close our pipe). */
        void sigterm() throws Exception {
            assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor()).isZero();
        }

        List<String> output() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }
    }

    /** A minimal SMTP client over a plain socket: one line out, one (possibly multi-line) reply in. */
    private static final class Smtp implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        private Smtp(Socket socket) throws IOException {
            this.socket = socket;
            socket.setSoTimeout(30_000);
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        static Smtp connect(int port) throws IOException {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
                return new Smtp(socket);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        }

        /** The reply to {@code line}; null if the server closed the connection. */
        String command(String line) throws IOException {
            write(line + "\r\n");
            return reply();
        }

        void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** One reply (continuation lines joined with "\n"); null on EOF or reset before any byte of it. */
        String reply() throws IOException {
            StringBuilder reply = new StringBuilder();
            while (true) {
                String line;
                try {
                    line = line();
                } catch (IOException e) {
                    if (reply.length() == 0 && !(e instanceof java.net.SocketTimeoutException)) {
                        return null; // reset
                    }
                    throw e;
                }
                if (line == null) {
                    return reply.length() == 0 ? null : reply.toString();
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

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int previous = -1;
            int b;
            while ((b = in.read()) != -1) {
                if (previous == '\r' && b == '\n') {
                    byte[] bytes = line.toByteArray();
                    return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
                }
                line.write(b);
                previous = b;
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
