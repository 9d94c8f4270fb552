package io.inlet.bench;

import io.inlet.rules.FilterPolicy;
import io.inlet.rules.ReceiptFilter;
import io.inlet.rules.ReceiptRule;
import io.inlet.rules.ReceiptRuleSet;
import io.inlet.rules.TenantConfiguration;
import io.inlet.rules.TlsPolicy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The configuration the benchmarks run against, at the sizes of issue 5 and SES's own limits:
 * one rule set of 200 enabled rules with 100 recipient conditions each (20,000 conditions) and
 * 100 IP filters. Everything is generated from fixed seeds, so every run sees the same data.
 *
 * <p>Conditions of rule {@code r}, condition {@code c} (domain {@code dK.example}, K = (r + c) % 20,
 * all 20 verified):
 * <ul>
 *   <li>c % 10 in 0..7 (80%): an address {@code u<r>-<c>@dK.example};</li>
 *   <li>c % 10 == 8 (10%): a domain {@code h<r>-<c>.dK.example};</li>
 *   <li>c % 10 == 9 (10%): a subdomain condition {@code .z<r>-<c>.dK.example}.</li>
 * </ul>
 * Filters: 40 Block 10.K.0.0/16, 20 Allow 10.K.7.0/24 inside them, 20 Block /32 in 203.0.113.0/24,
 * 10 Block 198.(2K).0.0/15, 10 Block 2001:db8:K::/48.
 */
final class Fixtures {

    static final int RULES = 200;
    static final int RECIPIENTS_PER_RULE = 100;
    static final int DOMAINS = 20;
    /** Size of each lookup table (a power of two: benchmarks cycle through it with a mask). */
    static final int LOOKUPS = 1024;

    private Fixtures() {
    }

    static String domain(int k) {
        return "d" + k + ".example";
    }

    static Set<String> verifiedDomains() {
        Set<String> out = new HashSet<>();
        for (int k = 0; k < DOMAINS; k++) {
            out.add(domain(k));
        }
        return out;
    }

    static ReceiptRuleSet ruleSet() {
        List<ReceiptRule> rules = new ArrayList<>(RULES);
        for (int r = 0; r < RULES; r++) {
            List<String> recipients = new ArrayList<>(RECIPIENTS_PER_RULE);
            for (int c = 0; c < RECIPIENTS_PER_RULE; c++) {
                String d = domain((r + c) % DOMAINS);
                switch (c % 10) {
                    case 8 -> recipients.add("h" + r + "-" + c + "." + d);
                    case 9 -> recipients.add(".z" + r + "-" + c + "." + d);
                    default -> recipients.add("u" + r + "-" + c + "@" + d);
                }
            }
            Collections.sort(recipients); // the API returns them sorted
            rules.add(new ReceiptRule("rule-" + r, true, TlsPolicy.Optional, false, recipients, List.of()));
        }
        return new ReceiptRuleSet("bench", Instant.parse("2024-01-01T00:00:00Z"), rules);
    }

    static List<ReceiptFilter> filters() {
        List<ReceiptFilter> out = new ArrayList<>(100);
        for (int k = 0; k < 40; k++) {
            out.add(new ReceiptFilter("block16-" + k, FilterPolicy.Block, "10." + k + ".0.0/16"));
        }
        for (int k = 0; k < 20; k++) {
            out.add(new ReceiptFilter("allow24-" + k, FilterPolicy.Allow, "10." + k + ".7.0/24"));
        }
        for (int k = 1; k <= 20; k++) {
            out.add(new ReceiptFilter("block32-" + k, FilterPolicy.Block, "203.0.113." + k));
        }
        for (int k = 0; k < 10; k++) {
            out.add(new ReceiptFilter("block15-" + k, FilterPolicy.Block, "198." + (2 * k) + ".0.0/15"));
        }
        for (int k = 0; k < 10; k++) {
            out.add(new ReceiptFilter("block48v6-" + k, FilterPolicy.Block, "2001:db8:" + k + "::/48"));
        }
        return out;
    }

    static TenantConfiguration tenant(String accountId) {
        return new TenantConfiguration(accountId, "us-east-1", Optional.of(ruleSet()), filters(), verifiedDomains());
    }

    // ---- recipients to look up -------------------------------------------------------------

    /** Kinds of recipient lookups; MIXED draws from all the others. */
    enum RecipientKind {
        /** An exact address condition. */
        ADDRESS,
        /** {@code user+tag@domain}, taken by the condition {@code user@domain}. */
        PLUS_LABEL,
        /** Any address at a domain condition. */
        DOMAIN,
        /** An address two labels under a {@code .subdomain} condition. */
        SUBDOMAIN,
        /** Verified domain, but no rule takes the address. */
        NO_RULE,
        /** A domain that is not verified: refused at the gate. */
        UNVERIFIED,
        MIXED
    }

    static String[] recipients(RecipientKind kind) {
        Random random = new Random(42 + kind.ordinal());
        String[] out = new String[LOOKUPS];
        RecipientKind[] plain = {RecipientKind.ADDRESS, RecipientKind.PLUS_LABEL, RecipientKind.DOMAIN,
                RecipientKind.SUBDOMAIN, RecipientKind.NO_RULE, RecipientKind.UNVERIFIED};
        for (int i = 0; i < LOOKUPS; i++) {
            RecipientKind k = kind == RecipientKind.MIXED ? plain[random.nextInt(plain.length)] : kind;
            out[i] = recipient(k, random);
        }
        return out;
    }

    private static String recipient(RecipientKind kind, Random random) {
        int r = random.nextInt(RULES);
        String d;
        int c;
        switch (kind) {
            case ADDRESS -> {
                c = 10 * random.nextInt(10) + random.nextInt(8);
                d = domain((r + c) % DOMAINS);
                return "u" + r + "-" + c + "@" + d;
            }
            case PLUS_LABEL -> {
                c = 10 * random.nextInt(10) + random.nextInt(8);
                d = domain((r + c) % DOMAINS);
                return "u" + r + "-" + c + "+tag" + random.nextInt(1000) + "@" + d;
            }
            case DOMAIN -> {
                c = 10 * random.nextInt(10) + 8;
                d = domain((r + c) % DOMAINS);
                return "someone" + random.nextInt(1000) + "@h" + r + "-" + c + "." + d;
            }
            case SUBDOMAIN -> {
                c = 10 * random.nextInt(10) + 9;
                d = domain((r + c) % DOMAINS);
                return "someone@mx" + random.nextInt(10) + ".a.z" + r + "-" + c + "." + d;
            }
            case NO_RULE -> {
                return "nobody" + random.nextInt(100000) + "@" + domain(random.nextInt(DOMAINS));
            }
            case UNVERIFIED -> {
                return "user" + random.nextInt(1000) + "@unverified" + random.nextInt(100) + ".org";
            }
            default -> throw new IllegalArgumentException(kind.name());
        }
    }

    // ---- client addresses to look up -------------------------------------------------------

    /** Kinds of client addresses for the filter index; MIXED draws from all the others. */
    enum ClientKind {
        /** In a Block /16, in no Allow: blocked. */
        BLOCKED,
        /** In a Block /16 and an Allow /24: any Allow wins, not blocked (both tries searched). */
        ALLOWED,
        /** In no filter (the common case: most clients are not listed). */
        UNLISTED,
        /** IPv6, in a Block /48. */
        IPV6_BLOCKED,
        /** {@code ::ffff:10.K.1.x}, checked as the IPv4 address it carries: blocked. */
        MAPPED_BLOCKED,
        MIXED
    }

    static InetAddress[] clients(ClientKind kind) {
        Random random = new Random(7 + kind.ordinal());
        InetAddress[] out = new InetAddress[LOOKUPS];
        ClientKind[] plain = {ClientKind.BLOCKED, ClientKind.ALLOWED, ClientKind.UNLISTED, ClientKind.IPV6_BLOCKED,
                ClientKind.MAPPED_BLOCKED};
        for (int i = 0; i < LOOKUPS; i++) {
            ClientKind k = kind == ClientKind.MIXED ? plain[random.nextInt(plain.length)] : kind;
            out[i] = client(k, random);
        }
        return out;
    }

    private static InetAddress client(ClientKind kind, Random random) {
        int x = 1 + random.nextInt(254);
        byte[] bytes = switch (kind) {
            case BLOCKED -> new byte[] {10, (byte) random.nextInt(40), 1, (byte) x};
            case ALLOWED -> new byte[] {10, (byte) random.nextInt(20), 7, (byte) x};
            case UNLISTED -> new byte[] {(byte) 192, 0, 2, (byte) x};
            case IPV6_BLOCKED -> new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, (byte) random.nextInt(10), 0, 0,
                    0, 0, 0, 0, 0, 0, 0, (byte) x};
            case MAPPED_BLOCKED -> new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff,
                    10, (byte) random.nextInt(40), 1, (byte) x};
            default -> throw new IllegalArgumentException(kind.name());
        };
        try {
            // Inet6Address keeps a mapped address as given only through this 3-argument form
            return bytes.length == 16 ? java.net.Inet6Address.getByAddress(null, bytes, -1) : InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
