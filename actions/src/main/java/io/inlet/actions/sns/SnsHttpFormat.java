package io.inlet.actions.sns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * The HTTP POST SNS makes to an HTTP(S) subscriber for a notification: the JSON body fields in
 * SNS's order ({@code Type, MessageId, TopicArn, Subject, Message, Timestamp, SignatureVersion,
 * Signature, SigningCertURL, UnsubscribeURL}) and its {@code x-amz-sns-*} headers.
 *
 * <p>Inlet does not sign: {@code Signature} and {@code SigningCertURL} are present but empty, so a
 * receiver that verifies SNS signatures rejects these deliveries; protect the subscriber URL
 * another way (a secret path or query, TLS, network). Subscriptions are configuration, not API
 * objects, so {@code UnsubscribeURL} is empty too; the {@code x-amz-sns-subscription-arn} header is
 * the topic ARN plus a UUID derived from the URL, stable across restarts.
 */
final class SnsHttpFormat {

    /** What SNS declares for its JSON body (unless a delivery policy says otherwise). */
    static final String CONTENT_TYPE = "text/plain; charset=UTF-8";
    static final String SIGNATURE_VERSION = "1";
    static final String USER_AGENT = "Inlet SNS Agent";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private SnsHttpFormat() {
    }

    static HttpRequest request(Delivery delivery, Duration timeout) {
        Notification n = delivery.notification();
        return HttpRequest.newBuilder(delivery.subscriber())
                .timeout(timeout)
                .header("Content-Type", CONTENT_TYPE)
                .header("User-Agent", USER_AGENT)
                .header("x-amz-sns-message-type", "Notification")
                .header("x-amz-sns-message-id", n.messageId())
                .header("x-amz-sns-topic-arn", n.topicArn())
                .header("x-amz-sns-subscription-arn", subscriptionArn(n.topicArn(), delivery.subscriber()))
                .POST(HttpRequest.BodyPublishers.ofString(body(n), StandardCharsets.UTF_8))
                .build();
    }

    static String body(Notification n) {
        ObjectNode node = JSON.createObjectNode();
        node.put("Type", "Notification");
        node.put("MessageId", n.messageId());
        node.put("TopicArn", n.topicArn());
        if (n.subject() != null) {
            node.put("Subject", n.subject()); // SNS leaves the field out when there is no subject
        }
        node.put("Message", n.message());
        node.put("Timestamp", timestamp(n.timestamp()));
        node.put("SignatureVersion", SIGNATURE_VERSION);
        node.put("Signature", "");
        node.put("SigningCertURL", "");
        node.put("UnsubscribeURL", "");
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serializes", e);
        }
    }

    /** ISO-8601 in UTC with exactly three fraction digits, as SNS writes it. */
    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    static String subscriptionArn(String topicArn, URI subscriber) {
        return topicArn + ":" + UUID.nameUUIDFromBytes(subscriber.toString().getBytes(StandardCharsets.UTF_8));
    }
}
