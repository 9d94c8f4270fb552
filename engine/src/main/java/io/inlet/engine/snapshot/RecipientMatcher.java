package io.inlet.engine.snapshot;

import io.inlet.rules.ReceiptRule;
import io.inlet.rules.ReceiptRuleSet;
import io.inlet.rules.TenantConfiguration;
import io.inlet.rules.TlsPolicy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One tenant's recipient conditions compiled to hash lookups (SES-RECEIVING.md Part 1 "Matching"):
 * <ul>
 *   <li>{@code user@example.com}: that address and {@code user+anything@example.com};</li>
 *   <li>{@code user+tag@example.com}: only itself;</li>
 *   <li>{@code example.com}: any address at exactly that domain;</li>
 *   <li>{@code .example.com}: any address at any subdomain, not at {@code example.com};</li>
 *   <li>no conditions: every recipient that passes the verified-domain gate.</li>
 * </ul>
 * Everything is compared in lower case. Only enabled rules of the active set are compiled; with no
 * active set nothing matches. A recipient whose domain is not (under) a verified domain matches no
 * rule, whatever the conditions say.
 *
 * <p>Cost per recipient: a few map lookups plus one per domain label, independent of the number of rules.
 */
public final class RecipientMatcher {

    private final VerifiedDomains verified;
    private final MatchedRule[] byIndex;
    private final Map<String, int[]> byAddress;
    private final Map<String, int[]> byDomain;
    /** Keyed by the parent domain: {@code .example.com} is stored under {@code example.com}. */
    private final Map<String, int[]> bySubdomainOf;
    private final BitSet catchAll = new BitSet();

    private RecipientMatcher(Optional<ReceiptRuleSet> activeSet, Set<String> verifiedDomains) {
        this.verified = new VerifiedDomains(verifiedDomains);
        List<ReceiptRule> rules = activeSet.map(ReceiptRuleSet::rules).orElse(List.of());
        this.byIndex = new MatchedRule[rules.size()];
        Map<String, List<Integer>> address = new HashMap<>();
        Map<String, List<Integer>> domain = new HashMap<>();
        Map<String, List<Integer>> subdomainOf = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            ReceiptRule rule = rules.get(i);
            if (!rule.enabled()) {
                continue; // disabled rules neither accept recipients nor run
            }
            byIndex[i] = new MatchedRule(i, rule);
            if (rule.recipients().isEmpty()) {
                catchAll.set(i);
            }
            for (String raw : rule.recipients()) {
                String condition = raw.toLowerCase(Locale.ROOT);
                if (condition.indexOf('@') >= 0) {
                    append(address, condition, i);
                } else if (condition.startsWith(".")) {
                    append(subdomainOf, condition.substring(1), i);
                } else {
                    append(domain, condition, i);
                }
            }
        }
        this.byAddress = freeze(address);
        this.byDomain = freeze(domain);
        this.bySubdomainOf = freeze(subdomainOf);
    }

    public static RecipientMatcher of(TenantConfiguration tenant) {
        return new RecipientMatcher(tenant.activeRuleSet(), tenant.verifiedDomains());
    }

    public static RecipientMatcher of(Optional<ReceiptRuleSet> activeSet, Set<String> verifiedDomains) {
        return new RecipientMatcher(activeSet, verifiedDomains);
    }

    /**
     * The enabled rules matching {@code recipient} (a bare address, no angle brackets), in rule-set
     * order, each once. Empty when the address is malformed, its domain is not receivable, or no rule matches.
     */
    public List<MatchedRule> match(String recipient) {
        String address = recipient.toLowerCase(Locale.ROOT);
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            return List.of();
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (!verified.covers(domain)) {
            return List.of();
        }
        BitSet hits = (BitSet) catchAll.clone();
        mark(hits, byAddress.get(address));
        int plus = local.indexOf('+');
        if (plus > 0) {
            // user+tag@d is also taken by a condition user@d (never by user+other@d)
            mark(hits, byAddress.get(address.substring(0, plus) + address.substring(at)));
        }
        mark(hits, byDomain.get(domain));
        for (String parent = DomainNames.parent(domain); parent != null; parent = DomainNames.parent(parent)) {
            mark(hits, bySubdomainOf.get(parent));
        }
        List<MatchedRule> out = new ArrayList<>(hits.cardinality());
        for (int i = hits.nextSetBit(0); i >= 0; i = hits.nextSetBit(i + 1)) {
            out.add(byIndex[i]);
        }
        return List.copyOf(out);
    }

    /** Whether any of the matched rules has {@code TlsPolicy=Require}. */
    public static boolean requiresTls(List<MatchedRule> matches) {
        for (MatchedRule m : matches) {
            if (m.rule().tlsPolicy() == TlsPolicy.Require) {
                return true;
            }
        }
        return false;
    }

    private static void mark(BitSet hits, int[] indexes) {
        if (indexes != null) {
            for (int i : indexes) {
                hits.set(i);
            }
        }
    }

    private static void append(Map<String, List<Integer>> map, String key, int index) {
        List<Integer> list = map.computeIfAbsent(key, k -> new ArrayList<>());
        if (list.isEmpty() || list.get(list.size() - 1) != index) {
            list.add(index); // a rule listing the same condition twice is still one match
        }
    }

    private static Map<String, int[]> freeze(Map<String, List<Integer>> map) {
        Map<String, int[]> out = new HashMap<>(map.size() * 2);
        map.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        return Map.copyOf(out);
    }
}
