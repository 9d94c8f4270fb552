package io.inlet.rules.spi;

/** Whether, and how, an SES notification carries the message itself ({@code content}). */
public enum NotificationContent {
    /** No {@code content}: the notifications of the S3, Bounce, Lambda, Stop and WorkMail actions. */
    NONE,
    /** {@code content} is the raw message as UTF-8 text (SNSAction Encoding UTF-8). */
    UTF8,
    /** {@code content} is the base64 of the raw message (SNSAction Encoding Base64). */
    BASE64
}
