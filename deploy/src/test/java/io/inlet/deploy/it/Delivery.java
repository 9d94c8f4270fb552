package io.inlet.deploy.it;

import io.inlet.config.store.StoreTransaction;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Mail through a {@link RunningInlet}: wait for configuration to go live, send over SMTP, wait for processing. */
final class Delivery {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String SENDER = "sender@client.test";

    private Delivery() {
    }

    /** Waits until the data plane serves every configuration change made so far through the API. */
    static void awaitLive(RunningInlet daemon) {
        long committed = daemon.inlet().store().read(StoreTransaction::version);
        await("configuration version " + committed + " live").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> daemon.inlet().snapshots().current().version() >= committed);
    }

    /** Sends one message over a plain SMTP session; returns the SES message ID of the 250 reply. */
    static String send(RunningInlet daemon, String to, String subject) throws IOException {
        String message = "From: " + SENDER + "\r\nTo: " + to + "\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + System.nanoTime() + "@client.test>\r\n\r\nHello.\r\n";
        try (Socket socket = new Socket("127.0.0.1", daemon.smtpPort())) {
            socket.setSoTimeout(20_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            expect(in, "220");
            command(out, in, "EHLO client.test", "250");
            command(out, in, "MAIL FROM:<" + SENDER + ">", "250");
            command(out, in, "RCPT TO:<" + to + ">", "250");
            command(out, in, "DATA", "354");
            out.write((message + ".\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String accepted = expect(in, "250");
            command(out, in, "QUIT", "221");
            return accepted.substring(accepted.lastIndexOf(' ') + 1);
        }
    }

    /** Every action ran: the message left the queue, and not for the dead letters. */
    static void awaitProcessed(RunningInlet daemon, String id) {
        await("message " + id + " processed").atMost(WAIT)
                .until(() -> !daemon.inlet().spool().queued().contains(id));
        assertThat(daemon.inlet().spool().deadLetters()).noneMatch(d -> d.messageId().equals(id));
    }

    private static void command(OutputStream out, BufferedReader in, String line, String code) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(in, code);
    }

    private static String expect(BufferedReader in, String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            assertThat(line).as("SMTP reply").isNotNull().startsWith(code);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return line;
    }
}
