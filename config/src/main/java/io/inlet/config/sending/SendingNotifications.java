package io.inlet.config.sending;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inlet.config.identity.notifications.NotificationSettings;
import io.inlet.config.identity.notifications.NotificationType;
import io.inlet.config.store.Scope;
import io.inlet.config.store.SendDataPoint;
import io.inlet.config.store.Store;
import io.inlet.config.store.StoreTransaction;
import io.inlet.rules.spi.OutboundMail;
import io.inlet.rules.spi.TopicPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sending feedback (issue 6 item 2): the outbound queue tells this listener each recipient's final
 * outcome of a message SendEmail/SendRawEmail queued (recognised by its {@code ses.*} tags; DSNs
 * and other untagged mail never get here). A delivery is published to the identity's Delivery
 * topic; a bounce is counted under Bounces in GetSendStatistics, published to the Bounce topic and,
 * with feedback forwarding on, forwarded by email to the Return-Path (the envelope sender) from the
 * null sender. Notifications are SES sending notifications ({@code notificationType}, {@code mail},
 * {@code delivery}/{@code bounce}), one per recipient, published without an SNS subject as SES does.
 *
 * <p>The notification settings are the Source's: its email address identity's when that has
 * settings stored, its domain's otherwise, in the account owning the identity (SourceArn).
 * Delivery is at most once: a crash between the queue's write and this call, or a publish that
 * fails, loses that notification (logged).
 */
public final class SendingNotifications implements OutboundMail.DeliveryListener {
    private static final Logger log = LoggerFactory.getLogger(SendingNotifications.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** Headers kept for the {@code mail.headers} field; beyond this, {@code headersTruncated}. */
    static final int MAX_HEADER_BYTES = 10 * 1024;
    private static final Pattern ENHANCED = Pattern.compile("^[245]\\d\\d[ -]([245]\\.\\d{1,3}\\.\\d{1,3})\\b");
    private static final Pattern HOST_IP = Pattern.compile("\\[([0-9a-fA-F.:]+)]");

    static final String ACCOUNT = "ses.account";
    static final String REGION = "ses.region";
    static final String IDENTITY_ACCOUNT = "ses.identityAccount";
    static final String IDENTITY_REGION = "ses.identityRegion";
    static final String MESSAGE_ID = "ses.messageId";
    static final String SOURCE = "ses.source";
    static final String SOURCE_ARN = "ses.sourceArn";
    static final String RETURN_PATH = "ses.returnPath";
    static final String DESTINATION = "ses.destination";
    static final String SENT_AT = "ses.sentAt";
    static final String HEADERS = "ses.headers";
    static final String HEADERS_TRUNCATED = "ses.headersTruncated";

    private final Store store;
    private final TopicPublisher topics;
    private final OutboundMail outbound;
    private final String reportingMta;
    private final Clock clock;

    /**
     * @param reportingMta this host's name, as in {@code reportingMTA} ({@code dns; NAME}) and the
     *                     forwarded bounce's sender {@code MAILER-DAEMON@NAME}
     */
    public SendingNotifications(Store store, TopicPublisher topics, OutboundMail outbound, String reportingMta,
                                Clock clock) {
        this.store = store;
        this.topics = topics;
        this.outbound = outbound;
        this.reportingMta = reportingMta;
        this.clock = clock;
    }

    /** The tags Sending puts on a message it queues: what the notifications need to know later. */
    static Map<String, String> tags(Scope caller, Scope identityOwner, String messageId, String source,
                                    String sourceArn, String returnPath, List<String> destination, Instant sentAt,
                                    byte[] message) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(ACCOUNT, caller.accountId());
        tags.put(REGION, caller.region());
        tags.put(IDENTITY_ACCOUNT, identityOwner.accountId());
        tags.put(IDENTITY_REGION, identityOwner.region());
        tags.put(MESSAGE_ID, messageId);
        tags.put(SOURCE, source);
        if (sourceArn != null) {
            tags.put(SOURCE_ARN, sourceArn);
        }
        tags.put(RETURN_PATH, returnPath == null ? "" : returnPath);
        tags.put(DESTINATION, json(JSON.valueToTree(destination)));
        tags.put(SENT_AT, TIMESTAMP.format(sentAt));
        ArrayNode headers = JSON.createArrayNode();
        int bytes = 0;
        boolean truncated = false;
        for (String[] h : headers(message)) {
            bytes += h[0].length() + h[1].length() + 4;
            if (bytes > MAX_HEADER_BYTES) {
                truncated = true;
                break;
            }
            headers.addObject().put("name", h[0]).put("value", h[1]);
        }
        tags.put(HEADERS, json(headers));
        tags.put(HEADERS_TRUNCATED, Boolean.toString(truncated));
        return tags;
    }

    /** The unfolded header fields of an RFC 5322 message, in order. */
    static List<String[]> headers(byte[] message) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String block = end < 0 ? text : text.substring(0, end);
        List<String[]> fields = new ArrayList<>();
        for (String line : block.split("\r\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !fields.isEmpty()) {
                String[] last = fields.get(fields.size() - 1);
                last[1] = last[1] + " " + line.strip();
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.add(new String[] {line.substring(0, colon).trim(), line.substring(colon + 1).strip()});
            }
        }
        return fields;
    }

    @Override
    public void onOutcome(String queueId, Map<String, String> tags, String recipient, boolean delivered, String reply,
                          String host, Instant at) {
        if (!tags.containsKey(MESSAGE_ID)) {
            return;
        }
        try {
            handle(tags, recipient, delivered, reply == null ? "" : reply, host == null ? "" : host,
                    at == null ? clock.instant() : at);
        } catch (RuntimeException e) {
            log.error("sending notification for {} to <{}> (outbound {}) failed", tags.get(MESSAGE_ID), recipient,
                    queueId, e);
        }
    }

    private void handle(Map<String, String> tags, String recipient, boolean delivered, String reply, String host,
                        Instant at) {
        Scope caller = new Scope(tags.get(ACCOUNT), tags.get(REGION));
        Scope owner = new Scope(tags.getOrDefault(IDENTITY_ACCOUNT, caller.accountId()),
                tags.getOrDefault(IDENTITY_REGION, caller.region()));
        String source = tags.get(SOURCE);
        Resolved settings = store.read(tx -> settingsOf(tx, owner, source));
        if (!delivered) {
            store.write(tx -> {
                tx.addSendActivity(caller, new SendDataPoint(SendStatistics.intervalStart(at), 0, 1, 0, 0));
                return null;
            });
        }
        NotificationType type = delivered ? NotificationType.DELIVERY : NotificationType.BOUNCE;
        String topic = settings.settings().topic(type);
        if (topic != null) {
            String notification = delivered
                    ? delivery(tags, owner, settings, recipient, reply, host, at)
                    : bounce(tags, owner, settings, recipient, reply, host, at);
            try {
                topics.publish(topic, null, notification);
            } catch (Exception e) {
                log.warn("cannot publish the {} notification of {} for <{}> to {}: {}", type.wire(),
                        tags.get(MESSAGE_ID), recipient, topic, e.toString());
            }
        }
        if (!delivered && settings.settings().forwardingEnabled()) {
            forward(tags, recipient, reply, at);
        }
    }

    /** The notification settings that apply to {@code source}, and the identity they belong to. */
    record Resolved(String identity, NotificationSettings settings) {
    }

    static Resolved settingsOf(StoreTransaction tx, Scope owner, String source) {
        String address = source.toLowerCase(Locale.ROOT);
        String domain = address.substring(address.lastIndexOf('@') + 1);
        Optional<String> own = tx.identityAttribute(owner, address, NotificationSettings.ATTRIBUTE);
        if (own.isPresent()) {
            return new Resolved(address, NotificationSettings.of(tx, owner, address));
        }
        return new Resolved(domain, NotificationSettings.of(tx, owner, domain));
    }

    String delivery(Map<String, String> tags, Scope owner, Resolved settings, String recipient, String reply,
                    String host, Instant at) {
        ObjectNode root = JSON.createObjectNode();
        root.put("notificationType", "Delivery");
        root.set("mail", mail(tags, owner, settings, NotificationType.DELIVERY));
        ObjectNode d = root.putObject("delivery");
        d.put("timestamp", TIMESTAMP.format(at));
        Instant sent = Instant.parse(tags.get(SENT_AT));
        d.put("processingTimeMillis", Math.max(0, at.toEpochMilli() - sent.toEpochMilli()));
        d.putArray("recipients").add(recipient);
        d.put("smtpResponse", reply);
        d.put("reportingMTA", reportingMta);
        remoteIp(host).ifPresent(ip -> d.put("remoteMtaIp", ip));
        return json(root);
    }

    String bounce(Map<String, String> tags, Scope owner, Resolved settings, String recipient, String reply,
                  String host, Instant at) {
        ObjectNode root = JSON.createObjectNode();
        root.put("notificationType", "Bounce");
        ObjectNode b = root.putObject("bounce");
        // A temporary failure the queue gave up on (retries past the max age) is a soft bounce.
        b.put("bounceType", status(reply).startsWith("5.4.7") || reply.startsWith("4") ? "Transient" : "Permanent");
        b.put("bounceSubType", "General");
        ObjectNode r = b.putArray("bouncedRecipients").addObject();
        r.put("emailAddress", recipient);
        r.put("action", "failed");
        r.put("status", status(reply));
        r.put("diagnosticCode", "smtp; " + reply);
        b.put("timestamp", TIMESTAMP.format(at));
        b.put("feedbackId", Outbox.newMessageId(at.toEpochMilli()));
        b.put("reportingMTA", "dns; " + reportingMta);
        remoteIp(host).ifPresent(ip -> b.put("remoteMtaIp", ip));
        root.set("mail", mail(tags, owner, settings, NotificationType.BOUNCE));
        return json(root);
    }

    private ObjectNode mail(Map<String, String> tags, Scope owner, Resolved settings, NotificationType type) {
        ObjectNode mail = JSON.createObjectNode();
        mail.put("timestamp", tags.get(SENT_AT));
        mail.put("messageId", tags.get(MESSAGE_ID));
        mail.put("source", tags.get(SOURCE));
        mail.put("sourceArn", tags.getOrDefault(SOURCE_ARN,
                "arn:aws:ses:" + owner.region() + ":" + owner.accountId() + ":identity/" + settings.identity()));
        mail.put("sendingAccountId", tags.get(ACCOUNT));
        mail.set("destination", read(tags.getOrDefault(DESTINATION, "[]")));
        if (settings.settings().headersIncluded(type)) {
            JsonNode headers = read(tags.getOrDefault(HEADERS, "[]"));
            mail.put("headersTruncated", Boolean.parseBoolean(tags.get(HEADERS_TRUNCATED)));
            mail.set("headers", headers);
            mail.set("commonHeaders", commonHeaders(headers));
        }
        return mail;
    }

    /** SES's {@code commonHeaders}: from/to/cc/bcc/sender/replyTo as lists, returnPath, messageId, date, subject. */
    static ObjectNode commonHeaders(JsonNode headers) {
        ObjectNode common = JSON.createObjectNode();
        for (JsonNode h : headers) {
            String name = h.path("name").asText().toLowerCase(Locale.ROOT);
            String value = h.path("value").asText();
            switch (name) {
                case "from" -> addresses(common, "from", value);
                case "to" -> addresses(common, "to", value);
                case "cc" -> addresses(common, "cc", value);
                case "bcc" -> addresses(common, "bcc", value);
                case "sender" -> addresses(common, "sender", value);
                case "reply-to" -> addresses(common, "replyTo", value);
                case "return-path" -> common.put("returnPath", value);
                case "message-id" -> common.put("messageId", value);
                case "date" -> common.put("date", value);
                case "subject" -> common.put("subject", value);
                default -> {
                }
            }
        }
        return common;
    }

    private static void addresses(ObjectNode common, String field, String value) {
        ArrayNode list = common.has(field) ? (ArrayNode) common.get(field) : common.putArray(field);
        // split on commas outside quotes and angle brackets
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        int angle = 0;
        for (char c : value.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '<') {
                angle++;
            } else if (c == '>') {
                angle = Math.max(0, angle - 1);
            }
            if (c == ',' && !quoted && angle == 0) {
                if (!current.toString().isBlank()) {
                    list.add(current.toString().strip());
                }
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.toString().isBlank()) {
            list.add(current.toString().strip());
        }
    }

    /**
     * The forwarded bounce: a plain DSN-like message from the null sender to the Return-Path (the
     * envelope sender of the original). Not tagged, so it never produces notifications itself.
     */
    private void forward(Map<String, String> tags, String recipient, String reply, Instant at) {
        String to = tags.getOrDefault(RETURN_PATH, "");
        if (to.isEmpty()) {
            return; // sent with the null sender: nowhere to forward
        }
        byte[] message = forwardedBounce(tags, to, recipient, reply, at).getBytes(StandardCharsets.UTF_8);
        try {
            outbound.enqueue("", List.of(to), new ByteArrayInputStream(message));
        } catch (Exception e) {
            log.warn("cannot forward the bounce of {} for <{}> to <{}>: {}", tags.get(MESSAGE_ID), recipient, to,
                    e.toString());
        }
    }

    String forwardedBounce(Map<String, String> tags, String to, String recipient, String reply, Instant at) {
        String boundary = "=_inlet_" + Long.toHexString(at.toEpochMilli());
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atZone(ZoneOffset.UTC));
        String originalId = tags.get(MESSAGE_ID);
        String subject = "Delivery Status Notification (Failure)";
        String text = "An error occurred while trying to deliver the mail to the following recipients:\r\n"
                + recipient + "\r\n\r\n" + reply.replace("\r", "").replace("\n", "\r\n") + "\r\n";
        return "From: MAILER-DAEMON@" + reportingMta + "\r\n"
                + "To: " + to + "\r\n"
                + "Subject: " + subject + "\r\n"
                + "Date: " + date + "\r\n"
                + "Message-ID: <" + Outbox.newMessageId(at.toEpochMilli()) + "@" + reportingMta + ">\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"" + boundary + "\"\r\n"
                + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                + text
                + "--" + boundary + "\r\n"
                + "Content-Type: message/delivery-status\r\n\r\n"
                + "Reporting-MTA: dns; " + reportingMta + "\r\n"
                + "X-Original-Message-ID: " + originalId + "\r\n"
                + "Arrival-Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        Instant.parse(tags.get(SENT_AT)).atZone(ZoneOffset.UTC)) + "\r\n"
                + "\r\n"
                + "Final-Recipient: rfc822; " + recipient + "\r\n"
                + "Action: failed\r\n"
                + "Status: " + status(reply) + "\r\n"
                + "Diagnostic-Code: smtp; " + reply.replace("\r", " ").replace("\n", " ") + "\r\n"
                + "Last-Attempt-Date: " + date + "\r\n"
                + "\r\n"
                + "--" + boundary + "--\r\n";
    }

    /** The enhanced status code of a reply ({@code 5.1.1}), or {@code 5.0.0} when it has none. */
    static String status(String reply) {
        Matcher m = ENHANCED.matcher(reply);
        return m.find() ? m.group(1) : "5.0.0";
    }

    /** The IP in {@code name[ip]:port}, or the host part of {@code ip:port}. */
    static Optional<String> remoteIp(String host) {
        if (host == null || host.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = HOST_IP.matcher(host);
        if (m.find()) {
            return Optional.of(m.group(1));
        }
        int colon = host.lastIndexOf(':');
        return Optional.of(colon > 0 ? host.substring(0, colon) : host);
    }

    private static String json(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return JSON.createArrayNode();
        }
    }
}
