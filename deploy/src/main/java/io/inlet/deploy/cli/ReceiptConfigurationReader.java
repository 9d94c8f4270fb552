package io.inlet.deploy.cli;

import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.DescribeActiveReceiptRuleSetResponse;
import software.amazon.awssdk.services.ses.model.IdentityType;
import software.amazon.awssdk.services.ses.model.ListIdentitiesResponse;
import software.amazon.awssdk.services.ses.model.ListReceiptRuleSetsResponse;
import software.amazon.awssdk.services.ses.model.ReceiptAction;
import software.amazon.awssdk.services.ses.model.ReceiptFilter;
import software.amazon.awssdk.services.ses.model.ReceiptRule;
import software.amazon.awssdk.services.ses.model.ReceiptRuleSetMetadata;
import software.amazon.awssdk.services.ses.model.TlsPolicy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reads the receipt configuration of the client's account and region through the SES API into a
 * {@link RulesDocument}: identities, filters and rule sets sorted by name (so an export is the same
 * whatever order things were created in), rules in their rule set's order.
 */
final class ReceiptConfigurationReader {

    private ReceiptConfigurationReader() {
    }

    static RulesDocument read(SesClient ses) {
        RulesDocument.Identities identities = new RulesDocument.Identities(
                identities(ses, IdentityType.DOMAIN), identities(ses, IdentityType.EMAIL_ADDRESS));
        List<RulesDocument.Filter> filters = new ArrayList<>();
        for (ReceiptFilter f : ses.listReceiptFilters(b -> { }).filters()) {
            filters.add(new RulesDocument.Filter(f.name(), f.ipFilter() == null ? null : f.ipFilter().policyAsString(),
                    f.ipFilter() == null ? null : f.ipFilter().cidr()));
        }
        filters.sort(Comparator.comparing(RulesDocument.Filter::name));

        DescribeActiveReceiptRuleSetResponse activeSet = ses.describeActiveReceiptRuleSet(b -> { });
        String active = activeSet.metadata() == null ? null : activeSet.metadata().name();
        List<String> names = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            ListReceiptRuleSetsResponse list = ses.listReceiptRuleSets(b -> b.nextToken(page));
            list.ruleSets().stream().map(ReceiptRuleSetMetadata::name).forEach(names::add);
            token = list.nextToken();
        } while (token != null && !token.isEmpty());
        names.sort(Comparator.naturalOrder());
        List<RulesDocument.RuleSet> sets = new ArrayList<>();
        for (String name : names) {
            List<RulesDocument.Rule> rules = new ArrayList<>();
            for (ReceiptRule rule : ses.describeReceiptRuleSet(b -> b.ruleSetName(name)).rules()) {
                rules.add(rule(rule));
            }
            sets.add(new RulesDocument.RuleSet(name, name.equals(active), rules));
        }
        return new RulesDocument(identities, filters, sets);
    }

    static RulesDocument.Rule rule(ReceiptRule rule) {
        List<Map<String, Map<String, String>>> actions = new ArrayList<>();
        for (ReceiptAction action : rule.actions()) {
            actions.add(SdkActions.toMap(action));
        }
        return new RulesDocument.Rule(rule.name(), Boolean.TRUE.equals(rule.enabled()),
                rule.tlsPolicyAsString() == null ? TlsPolicy.OPTIONAL.toString() : rule.tlsPolicyAsString(),
                Boolean.TRUE.equals(rule.scanEnabled()), rule.recipients(), actions);
    }

    /** The SDK rule a document rule asks for. */
    static ReceiptRule sdkRule(RulesDocument.Rule rule, String where) {
        List<ReceiptAction> actions = new ArrayList<>();
        for (Map<String, Map<String, String>> entry : rule.actions()) {
            actions.add(SdkActions.fromMap(entry, where));
        }
        return ReceiptRule.builder().name(rule.name()).enabled(rule.enabled()).tlsPolicy(rule.tlsPolicy())
                .scanEnabled(rule.scanEnabled()).recipients(rule.recipients()).actions(actions).build();
    }

    private static List<String> identities(SesClient ses, IdentityType type) {
        List<String> out = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            ListIdentitiesResponse list = ses.listIdentities(b -> b.identityType(type).nextToken(page));
            out.addAll(list.identities());
            token = list.nextToken();
        } while (token != null && !token.isEmpty());
        out.sort(Comparator.naturalOrder());
        return out;
    }
}
