package io.inlet.config.identity.policies;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * The IAM condition operators a sending authorization policy may use, each a comparison of one
 * request value with one policy value. Negated operators ({@code StringNotEquals}, ...) hold for a
 * value that matches none of the policy values. {@code Null} is not here: it tests presence and
 * is handled by {@link Condition}. The grammar accepts exactly these, so every stored policy can
 * be evaluated.
 */
enum ConditionOperator {
    STRING_EQUALS("StringEquals", false, Kind.STRING),
    STRING_NOT_EQUALS("StringNotEquals", true, Kind.STRING),
    STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", false, Kind.STRING_IGNORE_CASE),
    STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", true, Kind.STRING_IGNORE_CASE),
    STRING_LIKE("StringLike", false, Kind.LIKE),
    STRING_NOT_LIKE("StringNotLike", true, Kind.LIKE),
    NUMERIC_EQUALS("NumericEquals", false, Kind.NUMERIC_EQ),
    NUMERIC_NOT_EQUALS("NumericNotEquals", true, Kind.NUMERIC_EQ),
    NUMERIC_LESS_THAN("NumericLessThan", false, Kind.NUMERIC_LT),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", false, Kind.NUMERIC_LE),
    NUMERIC_GREATER_THAN("NumericGreaterThan", false, Kind.NUMERIC_GT),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", false, Kind.NUMERIC_GE),
    DATE_EQUALS("DateEquals", false, Kind.DATE_EQ),
    DATE_NOT_EQUALS("DateNotEquals", true, Kind.DATE_EQ),
    DATE_LESS_THAN("DateLessThan", false, Kind.DATE_LT),
    DATE_LESS_THAN_EQUALS("DateLessThanEquals", false, Kind.DATE_LE),
    DATE_GREATER_THAN("DateGreaterThan", false, Kind.DATE_GT),
    DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", false, Kind.DATE_GE),
    BOOL("Bool", false, Kind.BOOL),
    IP_ADDRESS("IpAddress", false, Kind.IP),
    NOT_IP_ADDRESS("NotIpAddress", true, Kind.IP),
    ARN_EQUALS("ArnEquals", false, Kind.LIKE),
    ARN_LIKE("ArnLike", false, Kind.LIKE),
    ARN_NOT_EQUALS("ArnNotEquals", true, Kind.LIKE),
    ARN_NOT_LIKE("ArnNotLike", true, Kind.LIKE);

    private enum Kind {
        STRING, STRING_IGNORE_CASE, LIKE, NUMERIC_EQ, NUMERIC_LT, NUMERIC_LE, NUMERIC_GT, NUMERIC_GE,
        DATE_EQ, DATE_LT, DATE_LE, DATE_GT, DATE_GE, BOOL, IP
    }

    private final String wire;
    private final boolean negated;
    private final Kind kind;

    ConditionOperator(String wire, boolean negated, Kind kind) {
        this.wire = wire;
        this.negated = negated;
        this.kind = kind;
    }

    static Optional<ConditionOperator> named(String name) {
        for (ConditionOperator op : values()) {
            if (op.wire.equals(name)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }

    String wire() {
        return wire;
    }

    boolean negated() {
        return negated;
    }

    /** Why a policy value cannot be used with this operator, or null when it can. */
    String invalidPolicyValue(String value) {
        return switch (kind) {
            case NUMERIC_EQ, NUMERIC_LT, NUMERIC_LE, NUMERIC_GT, NUMERIC_GE ->
                    number(value) == null ? "is not a number" : null;
            case DATE_EQ, DATE_LT, DATE_LE, DATE_GT, DATE_GE ->
                    date(value) == null ? "is not a date (ISO 8601 or epoch seconds)" : null;
            case BOOL -> "true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value) ? null : "is not true or false";
            case IP -> Cidr.parse(value) == null ? "is not an IP address or CIDR block" : null;
            default -> null;
        };
    }

    /** Whether the request value matches the policy value, before negation. Unusable request values never match. */
    boolean matches(String requestValue, String policyValue) {
        return switch (kind) {
            case STRING -> requestValue.equals(policyValue);
            case STRING_IGNORE_CASE -> requestValue.toLowerCase(Locale.ROOT).equals(policyValue.toLowerCase(Locale.ROOT));
            case LIKE -> Wildcards.matches(policyValue, requestValue, false);
            case BOOL -> requestValue.equalsIgnoreCase(policyValue);
            case IP -> {
                Cidr cidr = Cidr.parse(policyValue);
                yield cidr != null && cidr.contains(requestValue);
            }
            case NUMERIC_EQ, NUMERIC_LT, NUMERIC_LE, NUMERIC_GT, NUMERIC_GE -> {
                BigDecimal a = number(requestValue);
                BigDecimal b = number(policyValue);
                yield a != null && b != null && compares(a.compareTo(b));
            }
            case DATE_EQ, DATE_LT, DATE_LE, DATE_GT, DATE_GE -> {
                Instant a = date(requestValue);
                Instant b = date(policyValue);
                yield a != null && b != null && compares(a.compareTo(b));
            }
        };
    }

    private boolean compares(int c) {
        return switch (kind) {
            case NUMERIC_EQ, DATE_EQ -> c == 0;
            case NUMERIC_LT, DATE_LT -> c < 0;
            case NUMERIC_LE, DATE_LE -> c <= 0;
            case NUMERIC_GT, DATE_GT -> c > 0;
            case NUMERIC_GE, DATE_GE -> c >= 0;
            default -> throw new IllegalStateException(kind.name());
        };
    }

    private static BigDecimal number(String value) {
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant date(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notIso) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException notInstant) {
                BigDecimal epoch = number(value);
                return epoch == null ? null : Instant.ofEpochMilli(epoch.movePointRight(3).longValue());
            }
        }
    }

    /** An IPv4 or IPv6 address or CIDR block. */
    record Cidr(byte[] network, int prefix) {
        static Cidr parse(String value) {
            int slash = value.indexOf('/');
            String address = slash < 0 ? value : value.substring(0, slash);
            byte[] bytes = literal(address);
            if (bytes == null) {
                return null;
            }
            int prefix = bytes.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(value.substring(slash + 1));
                } catch (NumberFormatException e) {
                    return null;
                }
                if (prefix < 0 || prefix > bytes.length * 8) {
                    return null;
                }
            }
            return new Cidr(bytes, prefix);
        }

        boolean contains(String address) {
            byte[] a = literal(address);
            if (a == null || a.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((a[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        /** Only literals: a host name must never cause a DNS lookup here. */
        private static byte[] literal(String address) {
            boolean v4 = address.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
            boolean v6 = address.contains(":") && address.matches("[0-9A-Fa-f:.]+");
            if (!v4 && !v6) {
                return null;
            }
            try {
                return InetAddress.getByName(address).getAddress();
            } catch (UnknownHostException e) {
                return null;
            }
        }
    }
}
