package io.inlet.config.identity;

import io.inlet.config.api.ApiOperation;
import io.inlet.config.api.ApiRequest;
import io.inlet.config.api.QueryParams;
import io.inlet.config.api.XmlWriter;
import io.inlet.config.store.IdentityRecord;
import io.inlet.config.store.Store;

import java.util.ArrayList;
import java.util.List;

/**
 * ListIdentities: every identity of the scope regardless of status, in creation order, paged.
 * The default page size is undocumented; Inlet uses the maximum (1000), so callers that ignore
 * NextToken still see everything up to that many. The NextToken carries the IdentityType, so a
 * follow-up page that omits it keeps the filter; one that names a type uses that type.
 */
final class ListIdentities implements ApiOperation {
    static final int MAX_ITEMS = 1000;

    private final Store store;
    private final StatusRefresher refresher;

    ListIdentities(Store store, StatusRefresher refresher) {
        this.store = store;
        this.refresher = refresher;
    }

    @Override
    public void handle(ApiRequest request, XmlWriter result) {
        QueryParams params = request.params();
        Violations violations = new Violations();
        String type = params.get("IdentityType");
        if (type != null && !IdentityRecord.DOMAIN.equals(type) && !IdentityRecord.EMAIL_ADDRESS.equals(type)) {
            violations.add("Value '" + type + "' at 'identityType' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: [Domain, EmailAddress]");
        }
        int maxItems = maxItems(params.get("MaxItems"), violations);
        violations.throwIfAny();
        PageToken token = params.optional("NextToken").filter(t -> !t.isEmpty()).map(PageToken::decode).orElse(null);
        String listed = type != null ? type : token == null ? null : token.identityType();

        List<IdentityRecord> matching = store.read(tx -> {
            List<IdentityRecord> out = new ArrayList<>();
            for (IdentityRecord r : tx.identities(request.scope())) {
                if (listed == null || listed.equals(r.type())) {
                    out.add(r);
                }
            }
            return out;
        });
        List<String> names = matching.stream().map(IdentityRecord::identity).toList();
        int from = token == null ? 0 : token.resumeIndex(names);
        int to = Math.min(names.size(), from + maxItems);
        List<IdentityRecord> page = matching.subList(from, to);
        // Reading is one of the moments a Pending domain gets checked (status is not in this output).
        refresher.refresh(request.scope(), page.stream().filter(r -> IdentityStatus.PENDING.equals(r.status())).toList());

        Xml.list(result, "Identities", names.subList(from, to));
        if (to < names.size()) {
            result.element("NextToken", new PageToken(listed, names.get(to - 1), to - 1).encode());
        }
    }

    private static int maxItems(String raw, Violations violations) {
        if (raw == null) {
            return MAX_ITEMS;
        }
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            violations.add("Value '" + raw + "' at 'maxItems' failed to satisfy constraint: Member must be an integer");
            return MAX_ITEMS;
        }
        if (value < 1) {
            violations.add("Value '" + raw + "' at 'maxItems' failed to satisfy constraint: "
                    + "Member must have value greater than or equal to 1");
        } else if (value > MAX_ITEMS) {
            violations.add("Value '" + raw + "' at 'maxItems' failed to satisfy constraint: "
                    + "Member must have value less than or equal to " + MAX_ITEMS);
        }
        return value;
    }
}
