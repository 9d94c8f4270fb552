package io.inlet.engine.snapshot;

import io.inlet.rules.ReceiptConfiguration;
import io.inlet.rules.TenantConfiguration;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The receiving configuration at one store version, compiled for the regions this node serves:
 * per tenant a CIDR index, a recipient matcher and the ordered rules. Immutable, so a session (and
 * a spooled message, through {@link #version()}) can keep the snapshot it started with while newer
 * ones are swapped in by {@link SnapshotHolder}.
 */
public final class CompiledSnapshot {

    /** Version of the snapshot that exists before any configuration arrived; it receives nothing. */
    public static final long INITIAL_VERSION = -1;

    private final long version;
    private final Set<String> regions;
    private final List<CompiledTenant> tenants;

    public CompiledSnapshot(ReceiptConfiguration configuration, Set<String> regions) {
        this.version = configuration.version();
        this.regions = Set.copyOf(regions);
        List<CompiledTenant> compiled = new ArrayList<>();
        for (TenantConfiguration tenant : configuration.tenants()) {
            // Set.copyOf(...).contains(null) throws, hence the explicit null check.
            if (tenant.region() != null && this.regions.contains(tenant.region())) {
                compiled.add(new CompiledTenant(tenant));
            }
        }
        this.tenants = List.copyOf(compiled);
    }

    public static CompiledSnapshot empty(Set<String> regions) {
        return new CompiledSnapshot(new ReceiptConfiguration(INITIAL_VERSION, List.of()), regions);
    }

    public long version() {
        return version;
    }

    public Set<String> regions() {
        return regions;
    }

    /** Tenants of the served regions, in configuration order. */
    public List<CompiledTenant> tenants() {
        return tenants;
    }

    public Optional<CompiledTenant> tenant(String accountId, String region) {
        return tenants.stream()
                .filter(t -> t.accountId().equals(accountId) && t.region().equals(region))
                .findFirst();
    }

    /**
     * Decides one {@code RCPT TO}. Several tenants may receive for one domain and SES processes all
     * of them (SES-RECEIVING.md §1.9); each tenant's IP filters apply only to that tenant, because
     * SES checks the IP at RCPT time, when it knows whose recipient it is (§1.2). So:
     * <ol>
     *   <li>per tenant whose enabled rules match the recipient: its filters block the client →
     *       that tenant refuses (blocked); else a matching rule requires TLS and the session has
     *       none → that tenant refuses (TLS); else it accepts. Within a tenant the IP check comes
     *       first, as in SES's pipeline: TLS would not help a blocked client;</li>
     *   <li>one accepting tenant is enough: the recipient is accepted for the accepting tenants only;</li>
     *   <li>otherwise, if some tenant refused for TLS → {@code TLS_REQUIRED} (retrying over TLS
     *       would get the mail to that tenant, so that is the useful answer); else if some tenant
     *       blocked → {@code BLOCKED_BY_FILTER}; else (no tenant matched) → {@code NO_RULE}.</li>
     * </ol>
     */
    public RecipientDecision decide(InetAddress client, String recipient, boolean tls) {
        List<TenantMatch> accepting = new ArrayList<>(1);
        boolean blocked = false;
        boolean needsTls = false;
        for (CompiledTenant tenant : tenants) {
            List<MatchedRule> rules = tenant.matcher().match(recipient);
            if (rules.isEmpty()) {
                continue;
            }
            if (tenant.filters().isBlocked(client)) {
                blocked = true;
            } else if (!tls && RecipientMatcher.requiresTls(rules)) {
                needsTls = true;
            } else {
                accepting.add(new TenantMatch(tenant, rules));
            }
        }
        if (!accepting.isEmpty()) {
            return new RecipientDecision.Accepted(accepting);
        }
        if (needsTls) {
            return RecipientDecision.Rejected.TLS_REQUIRED;
        }
        return blocked ? RecipientDecision.Rejected.BLOCKED_BY_FILTER : RecipientDecision.Rejected.NO_RULE;
    }
}
