package io.inlet.rules.spi;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an executing action sees: one received message, in the rule that applies to it. One
 * context per (message, rule); the engine creates it, actions only read it and add headers.
 */
public interface ActionContext {

    /** The SES message ID (40 characters of base32hex); also the S3 object key without prefix. */
    String messageId();

    String accountId();

    String region();

    String ruleSetName();

    String ruleName();

    /** The envelope recipients this rule matched: SES's {@code receipt.recipients}. */
    List<String> recipients();

    /** The envelope sender (MAIL FROM), or the empty string for the null sender {@code <>}. */
    String mailFrom();

    /** When Inlet accepted the message (the 250). */
    Instant receivedAt();

    /** The message with Inlet's headers and every header added so far by earlier actions. */
    MessageContent message();

    /**
     * Adds a header at the top of the header block; every later action of this rule and of later
     * rules sees it (SES AddHeaderAction).
     */
    void prependHeader(String name, String value);

    /**
     * The SES notification JSON for this message ({@code notificationType: Received}, {@code mail},
     * {@code receipt}), with {@code receipt.action} set to {@code action} (e.g. {@code type: S3,
     * bucketName, objectKey, topicArn}) and {@code content} as asked.
     */
    String notificationJson(Map<String, Object> action, NotificationContent content) throws IOException;

    Clock clock();
}
