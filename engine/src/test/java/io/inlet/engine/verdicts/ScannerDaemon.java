package io.inlet.engine.verdicts;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real scanner daemon (Debian's {@code spamd} or {@code clamd}) started by a test on a loopback
 * port and stopped afterwards. Tests skip — with a message naming the Debian package — only when
 * the binary is not installed.
 */
final class ScannerDaemon implements AutoCloseable {

    private final Process process;
    private final Path log;
    final int port;

    private ScannerDaemon(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Skips the calling test class when {@code name} is neither on PATH nor in /usr/sbin. */
    static Path binary(String name, String debianPackage) {
        Optional<Path> found = List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
                .filter(dir -> !dir.isEmpty())
                .map(Path::of)
                .map(dir -> dir.resolve(name))
                .filter(Files::isExecutable)
                .findFirst()
                .or(() -> Optional.of(Path.of("/usr/sbin", name)).filter(Files::isExecutable));
        assumeTrue(found.isPresent(), name + " is not installed (Debian package '" + debianPackage
                + "'); skipping the tests against a real " + name);
        return found.get();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    /**
     * Starts the command and waits (up to 2 minutes: spamd compiles its rules at start) until
     * {@code request} sent to the port is answered with a reply containing {@code expected}.
     */
    static ScannerDaemon start(List<String> command, Path log, int port, byte[] request, String expected)
            throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ScannerDaemon daemon = new ScannerDaemon(process, log, port);
        try {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("exited");
                        }
                        return ask(port, request).contains(expected);
                    });
        } catch (RuntimeException e) {
            daemon.close();
            throw new IllegalStateException(command.get(0) + " did not come up; its log:\n" + daemon.log(), e);
        }
        return daemon;
    }

    private static String ask(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.onExit().get(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
        }
    }
}
