package io.inlet.config.receipt;

import io.inlet.config.api.XmlWriter;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.ReceiptAction;
import io.inlet.rules.ReceiptFilter;
import io.inlet.rules.ReceiptRule;
import io.inlet.rules.ReceiptRuleSetMetadata;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** The XML shapes of the receipt results (SES-RECEIVING.md §6.3), shared by every operation. */
final class ReceiptXml {
    // Always milliseconds and Z, as SES writes timestamps: 2016-07-15T16:25:59.607Z.
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ReceiptXml() {
    }

    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    /** {@code <element><Name/><CreatedTimestamp/></element>}: Metadata, or a RuleSets member. */
    static void metadata(XmlWriter out, String element, ReceiptRuleSetMetadata metadata) {
        out.start(element)
                .element("Name", metadata.name())
                .element("CreatedTimestamp", timestamp(metadata.createdTimestamp()))
                .end();
    }

    /** {@code <Rules>} with one member per rule, in order; {@code <Rules/>} when the set is empty. */
    static void rules(XmlWriter out, List<ReceiptRule> rules) {
        if (rules.isEmpty()) {
            out.empty("Rules");
            return;
        }
        out.start("Rules");
        for (ReceiptRule rule : rules) {
            rule(out, "member", rule);
        }
        out.end();
    }

    /**
     * One ReceiptRule. As probed: Recipients is left out when empty, Actions is always present
     * ({@code <Actions/>} when empty); each action member keeps its wire element names.
     */
    static void rule(XmlWriter out, String element, ReceiptRule rule) {
        out.start(element)
                .element("Name", rule.name())
                .element("Enabled", rule.enabled())
                .element("TlsPolicy", rule.tlsPolicy().name());
        if (!rule.recipients().isEmpty()) {
            out.list("Recipients", rule.recipients());
        }
        if (rule.actions().isEmpty()) {
            out.empty("Actions");
        } else {
            out.start("Actions");
            for (ReceiptAction action : rule.actions()) {
                out.start("member");
                for (ActionSpec member : action.members()) {
                    out.start(member.type());
                    for (Map.Entry<String, String> p : member.parameters().entrySet()) {
                        out.element(p.getKey(), p.getValue());
                    }
                    out.end();
                }
                out.end();
            }
            out.end();
        }
        out.element("ScanEnabled", rule.scanEnabled()).end();
    }

    /** {@code <Filters>} with {@code member/{Name, IpFilter{Policy, Cidr}}}; {@code <Filters/>} when none. */
    static void filters(XmlWriter out, List<ReceiptFilter> filters) {
        if (filters.isEmpty()) {
            out.empty("Filters");
            return;
        }
        out.start("Filters");
        for (ReceiptFilter filter : filters) {
            out.start("member")
                    .element("Name", filter.name())
                    .start("IpFilter")
                    .element("Policy", filter.policy().name())
                    .element("Cidr", filter.cidr())
                    .end()
                    .end();
        }
        out.end();
    }
}
