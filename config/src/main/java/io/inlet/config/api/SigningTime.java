package io.inlet.config.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Parses the signing timestamps and enforces AWS's 15-minute window against replay. */
final class SigningTime {

    static final Duration MAX_SKEW = Duration.ofMinutes(15);

    /** SigV4's {@code X-Amz-Date}: ISO 8601 basic format. */
    static final DateTimeFormatter ISO_BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private SigningTime() {
    }

    /** Parses ISO 8601 basic; null when the text is not in that format. */
    static Instant parseIsoBasic(String text) {
        try {
            return Instant.from(ISO_BASIC.parse(text));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Parses an HTTP {@code Date} (RFC 1123); null when the text is not in that format. */
    static Instant parseHttpDate(String text) {
        try {
            return Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(text.trim()));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Throws RequestExpired when {@code signed} is more than 15 minutes from the clock's now. */
    static void checkSkew(Instant signed, Clock clock) {
        Instant now = clock.instant();
        if (signed.isBefore(now.minus(MAX_SKEW))) {
            throw CommonErrors.requestExpired("Signature expired: " + format(signed) + " is now earlier than "
                    + format(now.minus(MAX_SKEW)) + " (" + format(now) + " - 15 min.)");
        }
        if (signed.isAfter(now.plus(MAX_SKEW))) {
            throw CommonErrors.requestExpired("Signature not yet current: " + format(signed) + " is still later than "
                    + format(now.plus(MAX_SKEW)) + " (" + format(now) + " + 15 min.)");
        }
    }

    /** For presigned URLs: valid from (signed - 15 min) until signed + expires. */
    static void checkPresignedWindow(Instant signed, Duration expires, Clock clock) {
        Instant now = clock.instant();
        if (now.isAfter(signed.plus(expires))) {
            throw CommonErrors.requestExpired("Request has expired");
        }
        if (signed.isAfter(now.plus(MAX_SKEW))) {
            checkSkew(signed, clock);
        }
    }

    static String format(Instant instant) {
        return ISO_BASIC.format(instant);
    }
}
