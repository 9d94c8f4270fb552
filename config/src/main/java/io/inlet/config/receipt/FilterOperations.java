package io.inlet.config.receipt;

import io.inlet.config.api.ApiRequest;
import io.inlet.config.api.QueryParams;
import io.inlet.config.api.SesException;
import io.inlet.config.api.XmlWriter;
import io.inlet.config.store.Scope;
import io.inlet.config.store.Store;
import io.inlet.rules.Cidr;
import io.inlet.rules.FilterPolicy;
import io.inlet.rules.ReceiptFilter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Create, Delete and ListReceiptFilters (SES-RECEIVING.md §2, peers.md G-RF). */
final class FilterOperations {
    private static final List<String> POLICIES = List.of("Allow", "Block");

    private final Store store;
    private final ReceiptLimits limits;

    FilterOperations(Store store, ReceiptLimits limits) {
        this.store = store;
        this.limits = limits;
    }

    /**
     * Precedence: the shape (missing Filter, Name, IpFilter, Policy, Cidr; Policy outside
     * [Allow, Block]) in one ValidationError, the name, the CIDR grammar, a duplicate, the limit.
     * The CIDR is stored exactly as sent.
     */
    void create(ApiRequest request, XmlWriter out) {
        QueryParams params = request.params();
        String name = params.get("Filter.Name");
        String policy = params.get("Filter.IpFilter.Policy");
        String cidr = params.get("Filter.IpFilter.Cidr");
        checkShape(params, name, policy, cidr);
        Names.checkFilterName(name);
        if (Cidr.parse(cidr).isEmpty()) {
            throw ReceiptErrors.invalidCidr(cidr);
        }
        ReceiptFilter filter = new ReceiptFilter(name, FilterPolicy.valueOf(policy), cidr);
        Scope scope = request.scope();
        store.write(tx -> {
            List<ReceiptFilter> existing = tx.filters(scope);
            if (existing.stream().anyMatch(f -> f.name().equals(name))) {
                throw ReceiptErrors.filterExists(name);
            }
            if (existing.size() >= limits.filters()) {
                throw ReceiptErrors.tooManyFilters();
            }
            tx.insertFilter(scope, filter);
            return null;
        });
    }

    private static void checkShape(QueryParams params, String name, String policy, String cidr) {
        ShapeViolations violations = new ShapeViolations();
        if (!params.hasStructure("Filter")) {
            violations.add(ReceiptErrors.notNull("filter")).throwIfAny();
        }
        if (name == null) {
            violations.add(ReceiptErrors.notNull("filter.name"));
        }
        if (!params.hasStructure("Filter.IpFilter")) {
            violations.add(ReceiptErrors.notNull("filter.ipFilter"));
        } else {
            if (policy == null) {
                violations.add(ReceiptErrors.notNull("filter.ipFilter.policy"));
            } else if (!POLICIES.contains(policy)) {
                violations.add(ReceiptErrors.enumValue(policy, "filter.ipFilter.policy", POLICIES));
            }
            if (cidr == null) {
                violations.add(ReceiptErrors.notNull("filter.ipFilter.cidr"));
            }
        }
        violations.throwIfAny();
    }

    /** Idempotent, and a malformed name is simply not found (probed); only an absent one fails. */
    void delete(ApiRequest request, XmlWriter out) {
        String name = request.params().get("FilterName");
        if (name == null) {
            throw SesException.validation("1 validation error detected: " + ReceiptErrors.notNull("filterName"));
        }
        Scope scope = request.scope();
        store.write(tx -> {
            tx.deleteFilter(scope, name);
            return null;
        });
    }

    /** Sorted by name; no paging in SES. */
    void list(ApiRequest request, XmlWriter out) {
        List<ReceiptFilter> filters = new ArrayList<>(store.read(tx -> tx.filters(request.scope())));
        filters.sort(Comparator.comparing(ReceiptFilter::name));
        ReceiptXml.filters(out, filters);
    }
}
