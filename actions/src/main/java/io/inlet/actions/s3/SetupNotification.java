package io.inlet.actions.s3;

import io.inlet.rules.spi.MessageContent;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The fake email SES writes as {@code <prefix>AMAZON_SES_SETUP_NOTIFICATION} to prove it can write
 * to the bucket. Sender and subject are SES's own, because consumer code recognises (and skips)
 * the object by them; the body is ours.
 */
public final class SetupNotification {

    public static final String OBJECT_NAME = "AMAZON_SES_SETUP_NOTIFICATION";

    // RFC 5322 date with a numeric zone, as in SES's own setup mail ("Tue, 31 May 2016 10:46:23 +0000").
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

    private SetupNotification() {
    }

    public static MessageContent message(Clock clock, String bucket) {
        String text = "Date: " + DATE.format(clock.instant().atOffset(ZoneOffset.UTC)) + "\r\n"
                + "To: recipient@example.com\r\n"
                + "From: Amazon Web Services <no-reply-aws@amazon.com>\r\n"
                + "Subject: Amazon SES Setup Notification\r\n"
                + "\r\n"
                + "Hello,\r\n"
                + "\r\n"
                + "Inlet wrote this object while a receipt rule that stores mail in the bucket "
                + bucket + " was being created or updated, to check that it can write here.\r\n"
                + "\r\n"
                + "The rule only takes effect if the whole setup succeeds. This object can be deleted.\r\n";
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return new MessageContent() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }
        };
    }
}
