package io.inlet.actions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inlet.rules.spi.ActionContext;
import io.inlet.rules.spi.MessageContent;
import io.inlet.rules.spi.NotificationContent;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * An engine stand-in for one (message, rule): the received message lives in a file, as in the
 * spool, and headers added by actions are kept in front of it, newest on top.
 */
final class TestActionContext implements ActionContext {

    static final Instant RECEIVED = Instant.parse("2024-05-01T10:00:00.123Z");

    private final String messageId;
    private final Path received;
    private final long receivedSize;
    private byte[] addedHeaders = new byte[0];

    TestActionContext(String messageId, Path received) throws IOException {
        this.messageId = messageId;
        this.received = received;
        this.receivedSize = Files.size(received);
    }

    /** Writes {@code rawMessage} to a file in {@code directory} and serves it as the received message. */
    static TestActionContext withMessage(Path directory, String messageId, String rawMessage) throws IOException {
        Path file = Files.writeString(directory.resolve(messageId + ".eml"), rawMessage, StandardCharsets.UTF_8);
        return new TestActionContext(messageId, file);
    }

    /** Everything {@link #message()} returns, for assertions on small messages. */
    byte[] messageBytes() throws IOException {
        try (InputStream in = message().open()) {
            return in.readAllBytes();
        }
    }

    @Override
    public String messageId() {
        return messageId;
    }

    @Override
    public String accountId() {
        return "123456789012";
    }

    @Override
    public String region() {
        return "us-east-1";
    }

    @Override
    public String ruleSetName() {
        return "set";
    }

    @Override
    public String ruleName() {
        return "rule";
    }

    @Override
    public List<String> recipients() {
        return List.of("bob@example.com");
    }

    @Override
    public String mailFrom() {
        return "alice@sender.example";
    }

    @Override
    public Instant receivedAt() {
        return RECEIVED;
    }

    @Override
    public synchronized MessageContent message() {
        byte[] headers = addedHeaders;
        return new MessageContent() {
            @Override
            public long size() {
                return headers.length + receivedSize;
            }

            @Override
            public InputStream open() throws IOException {
                return new SequenceInputStream(new ByteArrayInputStream(headers), Files.newInputStream(received));
            }
        };
    }

    @Override
    public synchronized void prependHeader(String name, String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((name + ": " + value + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(addedHeaders);
        addedHeaders = out.toByteArray();
    }

    /**
     * A reduced SES notification (the engine builds the full one): {@code notificationType},
     * {@code mail} with messageId, source and destination, {@code receipt} with recipients and
     * {@code action}, and {@code content} as asked.
     */
    @Override
    public String notificationJson(Map<String, Object> action, NotificationContent content) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("notificationType", "Received");
        ObjectNode mail = root.putObject("mail");
        mail.put("timestamp", RECEIVED.toString());
        mail.put("source", mailFrom());
        mail.put("messageId", messageId);
        mail.set("destination", JSON.valueToTree(recipients()));
        ObjectNode receipt = root.putObject("receipt");
        receipt.put("timestamp", RECEIVED.toString());
        receipt.set("recipients", JSON.valueToTree(recipients()));
        receipt.set("action", JSON.valueToTree(action));
        byte[] bytes = messageBytes();
        switch (content) {
            case UTF8 -> root.put("content", new String(bytes, StandardCharsets.UTF_8));
            case BASE64 -> root.put("content", Base64.getEncoder().encodeToString(bytes));
            case NONE -> { }
        }
        return JSON.writeValueAsString(root);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Clock clock() {
        return Clock.fixed(RECEIVED, ZoneOffset.UTC);
    }
}
