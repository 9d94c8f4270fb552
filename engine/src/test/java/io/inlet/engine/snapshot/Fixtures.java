package io.inlet.engine.snapshot;

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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Small builders for snapshot tests. */
final class Fixtures {

    private Fixtures() {
    }

    static ReceiptRule rule(String name, String... recipients) {
        return new ReceiptRule(name, true, TlsPolicy.Optional, false, List.of(recipients), List.of());
    }

    static ReceiptRule disabled(String name, String... recipients) {
        return new ReceiptRule(name, false, TlsPolicy.Optional, false, List.of(recipients), List.of());
    }

    static ReceiptRule tlsRule(String name, String... recipients) {
        return new ReceiptRule(name, true, TlsPolicy.Require, false, List.of(recipients), List.of());
    }

    static ReceiptRuleSet set(ReceiptRule... rules) {
        return new ReceiptRuleSet("set", Instant.EPOCH, List.of(rules));
    }

    /** "Block 10.0.0.0/8; Allow 10.1.2.3" → filters; "" → none. */
    static List<ReceiptFilter> filters(String spec) {
        List<ReceiptFilter> out = new ArrayList<>();
        for (String part : spec.split(";")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            String[] words = p.split("\\s+");
            out.add(new ReceiptFilter("f" + out.size(), FilterPolicy.valueOf(words[0]), words[1]));
        }
        return out;
    }

    static TenantConfiguration tenant(String account, String region, String filterSpec,
                                      Set<String> domains, ReceiptRule... rules) {
        return new TenantConfiguration(account, region, Optional.of(set(rules)), filters(filterSpec), domains);
    }

    static InetAddress ip(String literal) {
        try {
            // literals only: getByName does not resolve them
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    static List<String> names(List<MatchedRule> matches) {
        return matches.stream().map(m -> m.rule().name()).toList();
    }

    static List<String> list(String commaSeparated) {
        return commaSeparated == null || commaSeparated.isBlank()
                ? List.of()
                : Arrays.stream(commaSeparated.split(",")).map(String::trim).toList();
    }
}
