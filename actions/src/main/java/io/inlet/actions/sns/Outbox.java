package io.inlet.actions.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The embedded SNS backend's state on disk. The directory a file is in is its state:
 * <pre>
 * sns/outbox/&lt;messageId&gt;.json            published (on disk before publish returns), not yet handed to
 *                                        its subscribers; stays here while its topic has none configured
 * sns/deliveries/&lt;messageId&gt;.&lt;key&gt;.json  one per (notification, subscriber URL) still to deliver;
 *                                        deleted when the subscriber answers 2xx
 * sns/dead/&lt;messageId&gt;.&lt;key&gt;.json        given up after max-age; adds "reason", "attempts", "deadAt"
 * </pre>
 * {@code <key>} is the first 16 hex digits of SHA-256(subscriber URL): handing a notification out
 * again after a crash rewrites the same delivery files instead of adding copies. Each file is
 * JSON with {@code messageId, topicArn, subject, message, timestamp} (and {@code subscriber}).
 */
final class Outbox {

    static final String WAITING = "outbox";
    static final String DELIVERIES = "deliveries";
    static final String DEAD = "dead";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUFFIX = ".json";

    private final Path waiting;
    private final Path deliveries;
    private final Path dead;

    private Outbox(Path root) {
        this.waiting = root.resolve(WAITING);
        this.deliveries = root.resolve(DELIVERIES);
        this.dead = root.resolve(DEAD);
    }

    /** Opens the outbox under {@code root}, creating its directories and removing temp files a crash left. */
    static Outbox open(Path root) throws IOException {
        Outbox outbox = new Outbox(root);
        for (Path directory : List.of(outbox.waiting, outbox.deliveries, outbox.dead)) {
            Files.createDirectories(directory);
            for (Path file : list(directory, DurableFiles.TEMP_PREFIX, "")) {
                Files.deleteIfExists(file);
            }
        }
        DurableFiles.syncDirectory(root);
        return outbox;
    }

    /** Keeps a just-published notification; durable when this returns. */
    Path add(Notification notification) throws IOException {
        Path file = waiting.resolve(notification.messageId() + SUFFIX);
        DurableFiles.writeAndSync(file, JSON.writeValueAsBytes(toJson(notification)));
        return file;
    }

    /** Notifications not yet handed to subscribers, oldest name first. */
    List<Path> waiting() throws IOException {
        return list(waiting, "", SUFFIX);
    }

    /** Deliveries still to make. */
    List<Path> deliveries() throws IOException {
        return list(deliveries, "", SUFFIX);
    }

    Notification readNotification(Path file) throws IOException {
        return notification(JSON.readTree(file.toFile()));
    }

    Delivery readDelivery(Path file) throws IOException {
        JsonNode node = JSON.readTree(file.toFile());
        return new Delivery(notification(node), URI.create(node.get("subscriber").asText()), 0);
    }

    /**
     * Hands a waiting notification to its subscribers: one delivery file each, made durable before
     * the waiting file is removed (a crash in between hands it out again, to the same files).
     */
    List<Path> handOut(Path waitingFile, Notification notification, List<URI> subscribers) throws IOException {
        List<Path> files = new ArrayList<>();
        for (URI subscriber : subscribers) {
            ObjectNode node = toJson(notification);
            node.put("subscriber", subscriber.toString());
            Path file = deliveries.resolve(notification.messageId() + "." + key(subscriber) + SUFFIX);
            DurableFiles.write(file, JSON.writeValueAsBytes(node));
            files.add(file);
        }
        DurableFiles.syncDirectory(deliveries);
        DurableFiles.deleteAndSync(waitingFile);
        return files;
    }

    void delivered(Path deliveryFile) throws IOException {
        DurableFiles.deleteAndSync(deliveryFile);
    }

    /** Moves a delivery to {@code dead/} with why and when it was given up. */
    Path dead(Path deliveryFile, Delivery delivery, String reason, Instant at) throws IOException {
        ObjectNode node = toJson(delivery.notification());
        node.put("subscriber", delivery.subscriber().toString());
        node.put("reason", reason);
        node.put("attempts", delivery.attempts());
        node.put("deadAt", at.toString());
        Path file = dead.resolve(deliveryFile.getFileName());
        DurableFiles.writeAndSync(file, JSON.writeValueAsBytes(node));
        DurableFiles.deleteAndSync(deliveryFile);
        return file;
    }

    private static ObjectNode toJson(Notification n) {
        ObjectNode node = JSON.createObjectNode();
        node.put("messageId", n.messageId());
        node.put("topicArn", n.topicArn());
        if (n.subject() != null) {
            node.put("subject", n.subject());
        }
        node.put("message", n.message());
        node.put("timestamp", n.timestamp().toString());
        return node;
    }

    private static Notification notification(JsonNode node) throws IOException {
        for (String field : List.of("messageId", "topicArn", "message", "timestamp")) {
            if (!node.hasNonNull(field)) {
                throw new IOException("outbox file lacks \"" + field + "\"");
            }
        }
        JsonNode subject = node.get("subject");
        return new Notification(node.get("messageId").asText(), node.get("topicArn").asText(),
                subject == null || subject.isNull() ? null : subject.asText(),
                node.get("message").asText(), Instant.parse(node.get("timestamp").asText()));
    }

    static String key(URI subscriber) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(subscriber.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static List<Path> list(Path directory, String prefix, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> {
                String name = f.getFileName().toString();
                return name.startsWith(prefix) && name.endsWith(suffix) && (!prefix.isEmpty() || !name.startsWith("."));
            }).sorted().toList();
        }
    }
}
