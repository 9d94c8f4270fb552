package io.inlet.actions.workmail;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Unique Maildir file names as the Maildir specification and Dovecot write them:
 * {@code <seconds>.M<microseconds>P<pid>Q<counter>R<random>.<host>,S=<size>}. The counter makes
 * names unique within this process, pid and random across processes and restarts; {@code ,S=}
 * lets Dovecot skip a stat.
 */
final class MaildirNames {

    private static final AtomicLong COUNTER = new AtomicLong();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final String host;

    MaildirNames(Clock clock, String hostname) {
        this.clock = clock;
        this.host = sanitize(hostname);
    }

    String next(long size) {
        Instant now = clock.instant();
        byte[] random = new byte[4];
        RANDOM.nextBytes(random);
        return now.getEpochSecond() + ".M" + now.getNano() / 1000 + "P" + ProcessHandle.current().pid()
                + "Q" + COUNTER.incrementAndGet() + "R" + HexFormat.of().formatHex(random)
                + "." + host + ",S=" + size;
    }

    /** The specification's escapes for the characters a host name must not bring in: / : and Dovecot's , */
    private static String sanitize(String hostname) {
        return hostname.replace("/", "\\057").replace(":", "\\072").replace(",", "\\054");
    }
}
