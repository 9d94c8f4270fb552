package io.inlet.deploy.it;

import io.inlet.config.store.StoreTransaction;
import io.inlet.deploy.testing.SmtpClient;

import java.io.IOException;
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
        return SmtpClient.sendMail(daemon.smtpPort(), SENDER, to, message);
    }

    /** Every action ran: the message left the queue, and not for the dead letters. */
    static void awaitProcessed(RunningInlet daemon, String id) {
        await("message " + id + " processed").atMost(WAIT)
                .until(() -> !daemon.inlet().spool().queued().contains(id));
        assertThat(daemon.inlet().spool().deadLetters()).noneMatch(d -> d.messageId().equals(id));
    }
}
