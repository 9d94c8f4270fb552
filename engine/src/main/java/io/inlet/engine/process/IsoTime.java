package io.inlet.engine.process;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** SES timestamps: ISO 8601 in UTC with exactly three fraction digits, e.g. {@code 2015-09-11T20:32:33.936Z}. */
final class IsoTime {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private IsoTime() {
    }

    static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
