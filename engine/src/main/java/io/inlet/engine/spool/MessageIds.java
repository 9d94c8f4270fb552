package io.inlet.engine.spool;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * SES-style message IDs: 40 characters of lower-case base32hex ({@code 0-9a-v}) encoding 200 bits,
 * the first 48 of them epoch milliseconds and the other 152 random.
 *
 * <p>Why this shape: the random part (SecureRandom) makes IDs unique across nodes without any
 * coordination, and base32hex keeps the numeric order, so sorting IDs as strings sorts them by
 * acceptance time (the spool lists its queue that way). Within one generator IDs are strictly
 * increasing: in the same millisecond (or when the clock steps back) the previous random part is
 * incremented instead of drawn again, as ULID does.
 *
 * <p>Several nodes (a shared PostgreSQL store) need no node component: two nodes can only clash
 * in the same millisecond, when their runs of IDs (a random 152-bit start, incremented) overlap,
 * which for runs of k and m IDs has probability about (k + m) / 2^152. Even 100 nodes each taking
 * 1,000 messages in every millisecond for 100 years (3.2e12 ms, 4,950 node pairs) give about
 * 3.2e12 * 4950 * 2000 / 5.7e45, i.e. 5e-27 -- far below the odds of a disk silently corrupting one.
 */
public final class MessageIds {

    public static final int LENGTH = 40;

    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuv".toCharArray();
    private static final int TIME_BYTES = 6;
    private static final int RANDOM_BYTES = 19;

    private final LongSupplier clock;
    private final SecureRandom random;
    private final byte[] state = new byte[TIME_BYTES + RANDOM_BYTES];
    private long lastMillis = -1;

    public MessageIds() {
        this(System::currentTimeMillis, new SecureRandom());
    }

    /** For tests: a controllable clock (epoch milliseconds). */
    MessageIds(LongSupplier clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    /** The next ID; strictly greater than every ID this generator returned before. */
    public synchronized String next() {
        long now = clock.getAsLong();
        if (now > lastMillis) {
            lastMillis = now;
            fresh();
        } else if (!incrementRandom()) {
            // 2^152 IDs in one millisecond cannot happen; stay correct anyway
            lastMillis++;
            fresh();
        }
        return encode(state);
    }

    /** Whether {@code id} has the shape of an ID (also keeps path tricks out of the spool). */
    public static boolean isValid(String id) {
        if (id == null || id.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'v')) {
                return false;
            }
        }
        return true;
    }

    /** When the ID was generated (millisecond precision). */
    public static Instant timestamp(String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException("not a message ID: " + id);
        }
        // the first 10 characters hold 50 bits: the 48 time bits and the top 2 random bits
        long bits = 0;
        for (int i = 0; i < 10; i++) {
            char c = id.charAt(i);
            bits = (bits << 5) | (c <= '9' ? c - '0' : c - 'a' + 10);
        }
        return Instant.ofEpochMilli(bits >>> 2);
    }

    private void fresh() {
        for (int i = 0; i < TIME_BYTES; i++) {
            state[i] = (byte) (lastMillis >>> (8 * (TIME_BYTES - 1 - i)));
        }
        byte[] r = new byte[RANDOM_BYTES];
        random.nextBytes(r);
        System.arraycopy(r, 0, state, TIME_BYTES, RANDOM_BYTES);
    }

    /** Adds one to the random part; false when it wrapped around. */
    private boolean incrementRandom() {
        for (int i = state.length - 1; i >= TIME_BYTES; i--) {
            if (++state[i] != 0) {
                return true;
            }
        }
        return false;
    }

    /** 25 bytes = 5 groups of 5 bytes = 5 groups of 8 characters, big-endian (order-preserving). */
    private static String encode(byte[] bytes) {
        char[] out = new char[LENGTH];
        int o = 0;
        for (int g = 0; g < bytes.length; g += 5) {
            long group = 0;
            for (int i = 0; i < 5; i++) {
                group = (group << 8) | (bytes[g + i] & 0xFF);
            }
            for (int shift = 35; shift >= 0; shift -= 5) {
                out[o++] = ALPHABET[(int) ((group >>> shift) & 31)];
            }
        }
        return new String(out);
    }
}
