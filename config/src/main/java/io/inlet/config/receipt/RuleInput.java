package io.inlet.config.receipt;

import io.inlet.config.api.QueryParams;
import io.inlet.rules.ActionSpec;

import java.util.List;

/**
 * The {@code Rule} member of Create/UpdateReceiptRule as sent, before any validation: members
 * are raw strings (null when absent) except the booleans, which the Query layer already decoded.
 *
 * @param present    whether the request carried any {@code Rule.*} parameter
 * @param recipients null when absent, empty for {@code Rule.Recipients=}
 * @param actions    each entry's members in request order; empty when absent
 */
record RuleInput(
        boolean present,
        String name,
        boolean enabled,
        String tlsPolicy,
        boolean scanEnabled,
        List<String> recipients,
        List<List<ActionSpec>> actions) {

    private static final String PREFIX = "Rule";

    /** Decodes {@code Rule.*}; throws the Query-level errors (bad boolean, bad action indexes). */
    static RuleInput parse(QueryParams params) {
        boolean enabled = WireLists.xsdBoolean(params, "Rule.Enabled");
        boolean scanEnabled = WireLists.xsdBoolean(params, "Rule.ScanEnabled");
        List<List<ActionSpec>> actions = WireLists.actionEntries(params, "Rule.Actions");
        return new RuleInput(
                params.hasStructure(PREFIX),
                params.get("Rule.Name"),
                enabled,
                params.get("Rule.TlsPolicy"),
                scanEnabled,
                params.list("Rule.Recipients"),
                actions == null ? List.of() : actions);
    }
}
