package io.inlet.rules;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A receipt filter's {@code Cidr}: one IPv4 or IPv6 address, or a block {@code address/prefix}.
 * The grammar is strict, as SES probes showed: ASCII digits and hex only, dotted quads of exactly
 * four parts, no brackets, no zone ids, no IPv4-mapped IPv6 spellings, prefix within range.
 * Host bits may be set ({@code 10.0.0.1/24} is the network 10.0.0.0/24), as SES's own example has.
 * Never resolves names: {@code InetAddress.getByName} is deliberately not used.
 */
public record Cidr(byte[] network, int prefixLength) {

    /** Keeps the value immutable and canonical: own copy of the bytes, host bits cleared, prefix in range. */
    public Cidr {
        Objects.requireNonNull(network, "network");
        if (network.length != 4 && network.length != 16) {
            throw new IllegalArgumentException("network must be 4 or 16 bytes, was " + network.length);
        }
        if (prefixLength < 0 || prefixLength > network.length * 8) {
            throw new IllegalArgumentException("prefix length out of range: " + prefixLength);
        }
        network = mask(network, prefixLength);
    }

    /** A copy: callers must not be able to change a parsed filter. */
    @Override
    public byte[] network() {
        return network.clone();
    }

    public boolean isIpv6() {
        return network.length == 16;
    }

    /** Parses {@code text}, or returns empty when it is not a valid address or block. */
    public static Optional<Cidr> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        String addressPart = slash < 0 ? text : text.substring(0, slash);
        byte[] address = addressPart.indexOf(':') >= 0 ? parseIpv6(addressPart) : parseIpv4(addressPart);
        if (address == null) {
            return Optional.empty();
        }
        int max = address.length * 8;
        int prefix = max;
        if (slash >= 0) {
            String p = text.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !allDigits(p) || (p.length() > 1 && p.charAt(0) == '0')) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(p);
            if (prefix > max) {
                return Optional.empty();
            }
        }
        return Optional.of(new Cidr(address, prefix));
    }

    /** Whether {@code address} (4 or 16 bytes) lies inside this block. */
    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        return Arrays.equals(mask(address, prefixLength), network);
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int bit = prefix; bit < out.length * 8; bit++) {
            out[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return out;
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static byte[] parseIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !allDigits(part) || (part.length() > 1 && part.charAt(0) == '0')) {
                return null;
            }
            int v = Integer.parseInt(part);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    static byte[] parseIpv6(String s) {
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
            return null;
        }
        String head = doubleColon >= 0 ? s.substring(0, doubleColon) : s;
        String tail = doubleColon >= 0 ? s.substring(doubleColon + 2) : "";
        int[] headGroups = groups(head);
        int[] tailGroups = groups(tail);
        if (headGroups == null || tailGroups == null) {
            return null;
        }
        int total = headGroups.length + tailGroups.length;
        if (doubleColon >= 0 ? total > 7 : total != 8) {
            return null;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < headGroups.length; i++) {
            out[2 * i] = (byte) (headGroups[i] >>> 8);
            out[2 * i + 1] = (byte) headGroups[i];
        }
        for (int i = 0; i < tailGroups.length; i++) {
            int at = 8 - tailGroups.length + i;
            out[2 * at] = (byte) (tailGroups[i] >>> 8);
            out[2 * at + 1] = (byte) tailGroups[i];
        }
        return out;
    }

    /** Hex groups separated by single colons; "" is zero groups. No embedded IPv4 (mapped forms are refused). */
    private static int[] groups(String s) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 4) {
                return null;
            }
            for (int j = 0; j < part.length(); j++) {
                if (!isHex(part.charAt(j))) {
                    return null;
                }
            }
            out[i] = Integer.parseInt(part, 16);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefixLength == prefixLength && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (isIpv6()) {
            for (int i = 0; i < 16; i += 2) {
                if (i > 0) {
                    sb.append(':');
                }
                sb.append(Integer.toHexString(((network[i] & 0xff) << 8) | (network[i + 1] & 0xff)));
            }
        } else {
            for (int i = 0; i < 4; i++) {
                if (i > 0) {
                    sb.append('.');
                }
                sb.append(network[i] & 0xff);
            }
        }
        return sb.append('/').append(prefixLength).toString();
    }
}
