package io.inlet.deploy.cli;

import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.ReceiptRule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * What {@code inlet rules import} does to make the daemon's configuration match a document, as an
 * ordered list of steps, each with the report line of the object it concerns (CLI.md "Import").
 * Planned entirely from one read of the current configuration, so {@code --dry-run} reports
 * exactly what a real run would do.
 *
 * <p>The order is also the order of execution, chosen so that each call is valid when it runs:
 * identities; filters (absent ones deleted first under {@code --prune}); inactive rule sets absent
 * from the document (under {@code --prune}); then each rule set of the document: created if missing,
 * its rules absent from the document deleted, its rules created (each after the previous one of the
 * document) or updated, the whole set reordered when the order still differs, and activation (a new
 * set is reported before its rules, an existing one after them, with its own changes); last,
 * an active rule set absent from the document (under {@code --prune}: deactivated, then deleted).
 */
final class RulesSync {

    enum Status {
        CREATED, UPDATED, DELETED, UNCHANGED,
        /** Absent from the document, left alone (without --prune). */
        KEPT
    }

    /** One object's line in the report. */
    record Change(Status status, String kind, String name, String detail) {
        String line() {
            String s = String.format("%-9s  %-8s  %s", status.name().toLowerCase(Locale.ROOT), kind, name);
            return detail == null || detail.isEmpty() ? s : s + "  (" + detail + ")";
        }
    }

    /**
     * A step: the SES calls to make (none for unchanged or kept objects) and the line that reports
     * it (none for the calls that complete an object already reported, such as a reorder).
     */
    record Step(Change change, String doing, Consumer<SesClient> calls) {
    }

    private final RulesDocument wanted;
    private final RulesDocument current;
    private final boolean prune;
    private final Map<String, Map<String, String>> defaults;
    private final List<Step> steps = new ArrayList<>();

    private RulesSync(RulesDocument wanted, RulesDocument current, boolean prune, Map<String, Map<String, String>> defaults) {
        this.wanted = wanted;
        this.current = current;
        this.prune = prune;
        this.defaults = defaults;
    }

    /** The steps that turn {@code current} into {@code wanted}. Invalid rules (unknown action types…) fail here. */
    static List<Step> plan(RulesDocument wanted, RulesDocument current, boolean prune,
                           Map<String, Map<String, String>> defaults) {
        RulesSync sync = new RulesSync(wanted, current, prune, defaults);
        sync.identities("domain", wanted.identities().domains(), current.identities().domains(), true);
        sync.identities("email", wanted.identities().emailAddresses(), current.identities().emailAddresses(), false);
        sync.filters();
        sync.ruleSets();
        return List.copyOf(sync.steps);
    }

    // ---- identities ------------------------------------------------------------------------------

    private void identities(String kind, List<String> want, List<String> have, boolean domain) {
        Set<String> existing = lowerCase(have);
        for (String name : want) {
            if (existing.contains(name.toLowerCase(Locale.ROOT))) {
                unchanged(kind, name);
            } else {
                step(new Change(Status.CREATED, kind, name, "verification requested"), "verifying " + name,
                        ses -> {
                            if (domain) {
                                ses.verifyDomainIdentity(b -> b.domain(name));
                            } else {
                                ses.verifyEmailIdentity(b -> b.emailAddress(name));
                            }
                        });
            }
        }
        Set<String> listed = lowerCase(want);
        for (String name : have) {
            if (!listed.contains(name.toLowerCase(Locale.ROOT))) {
                absent(kind, name, "deleting identity " + name, ses -> ses.deleteIdentity(b -> b.identity(name)));
            }
        }
    }

    // ---- filters -----------------------------------------------------------------------------------

    private void filters() {
        Map<String, RulesDocument.Filter> have = new LinkedHashMap<>();
        current.filters().forEach(f -> have.put(f.name(), f));
        Set<String> listed = wanted.filters().stream().map(RulesDocument.Filter::name).collect(Collectors.toSet());
        for (RulesDocument.Filter f : current.filters()) {
            if (!listed.contains(f.name())) {
                absent("filter", f.name(), "deleting filter " + f.name(), ses -> ses.deleteReceiptFilter(b -> b.filterName(f.name())));
            }
        }
        for (RulesDocument.Filter f : wanted.filters()) {
            RulesDocument.Filter old = have.get(f.name());
            if (old == null) {
                step(new Change(Status.CREATED, "filter", f.name(), f.policy() + " " + f.cidr()), "creating filter " + f.name(),
                        ses -> createFilter(ses, f));
            } else if (Objects.equals(old.policy(), f.policy()) && Objects.equals(old.cidr(), f.cidr())) {
                unchanged("filter", f.name());
            } else {
                List<String> what = new ArrayList<>();
                if (!Objects.equals(old.policy(), f.policy())) {
                    what.add("policy " + old.policy() + " -> " + f.policy());
                }
                if (!Objects.equals(old.cidr(), f.cidr())) {
                    what.add("cidr " + old.cidr() + " -> " + f.cidr());
                }
                what.add("replaced: deleted and created again");
                step(new Change(Status.UPDATED, "filter", f.name(), String.join("; ", what)), "replacing filter " + f.name(),
                        ses -> {
                            ses.deleteReceiptFilter(b -> b.filterName(f.name()));
                            createFilter(ses, f);
                        });
            }
        }
    }

    private static void createFilter(SesClient ses, RulesDocument.Filter f) {
        ses.createReceiptFilter(b -> b.filter(r -> r.name(f.name()).ipFilter(ip -> ip.policy(f.policy()).cidr(f.cidr()))));
    }

    // ---- rule sets -----------------------------------------------------------------------------------

    private void ruleSets() {
        Map<String, RulesDocument.RuleSet> have = new LinkedHashMap<>();
        current.ruleSets().forEach(s -> have.put(s.name(), s));
        Set<String> listed = wanted.ruleSets().stream().map(RulesDocument.RuleSet::name).collect(Collectors.toSet());
        String activeNow = current.activeRuleSet();
        String activeWanted = wanted.activeRuleSet();

        for (RulesDocument.RuleSet set : current.ruleSets()) {
            if (!listed.contains(set.name()) && !set.name().equals(activeNow)) {
                absent("rule-set", set.name(), "deleting rule set " + set.name(),
                        ses -> ses.deleteReceiptRuleSet(b -> b.ruleSetName(set.name())));
            }
        }
        for (RulesDocument.RuleSet set : wanted.ruleSets()) {
            ruleSet(set, have.get(set.name()), activeNow, activeWanted);
        }
        if (activeNow != null && !listed.contains(activeNow)) {
            if (!prune) {
                steps.add(new Step(new Change(Status.KEPT, "rule-set", activeNow,
                        activeWanted == null ? "active; not in the document" : "not in the document"), null, null));
            } else {
                boolean stillActive = activeWanted == null;
                steps.add(new Step(new Change(Status.DELETED, "rule-set", activeNow,
                        stillActive ? "was active: deactivated first" : null), "deleting rule set " + activeNow, ses -> {
                            if (stillActive) {
                                ses.setActiveReceiptRuleSet(b -> { });
                            }
                            ses.deleteReceiptRuleSet(b -> b.ruleSetName(activeNow));
                        }));
            }
        }
    }

    private void ruleSet(RulesDocument.RuleSet set, RulesDocument.RuleSet old, String activeNow, String activeWanted) {
        String name = set.name();
        boolean wasActive = name.equals(activeNow);
        List<String> wantOrder = set.rules().stream().map(RulesDocument.Rule::name).toList();
        // the rules as they will be once the rules absent from the document are deleted and the new ones created
        List<String> order = new ArrayList<>();
        List<Step> ruleSteps = new ArrayList<>();
        Map<String, RulesDocument.Rule> have = new HashMap<>();
        if (old != null) {
            for (RulesDocument.Rule rule : old.rules()) {
                have.put(rule.name(), rule);
                if (wantOrder.contains(rule.name())) {
                    order.add(rule.name());
                } else {
                    ruleSteps.add(new Step(new Change(Status.DELETED, "rule", name + "/" + rule.name(), null),
                            "deleting rule " + name + "/" + rule.name(),
                            ses -> ses.deleteReceiptRule(b -> b.ruleSetName(name).ruleName(rule.name()))));
                }
            }
        }
        String previous = null;
        for (RulesDocument.Rule rule : set.rules()) {
            String where = "rule " + name + "/" + rule.name();
            ReceiptRule sdkRule = ReceiptConfigurationReader.sdkRule(rule, where);
            RulesDocument.Rule existing = have.get(rule.name());
            if (existing == null) {
                String after = previous;
                order.add(after == null ? 0 : order.indexOf(after) + 1, rule.name());
                ruleSteps.add(new Step(new Change(Status.CREATED, "rule", name + "/" + rule.name(), null), "creating " + where,
                        ses -> ses.createReceiptRule(b -> b.ruleSetName(name).after(after).rule(sdkRule))));
            } else {
                List<String> changed = differences(existing, rule);
                if (changed.isEmpty()) {
                    ruleSteps.add(new Step(new Change(Status.UNCHANGED, "rule", name + "/" + rule.name(), null), null, null));
                } else {
                    ruleSteps.add(new Step(new Change(Status.UPDATED, "rule", name + "/" + rule.name(), String.join(", ", changed)),
                            "updating " + where, ses -> ses.updateReceiptRule(b -> b.ruleSetName(name).rule(sdkRule))));
                }
            }
            previous = rule.name();
        }
        boolean reorder = !order.equals(wantOrder);

        List<String> what = new ArrayList<>();
        if (reorder) {
            what.add("rule order: " + String.join(", ", wantOrder));
        }
        Consumer<SesClient> activation = null;
        if (set.active() && !wasActive) {
            what.add("made active");
            activation = ses -> ses.setActiveReceiptRuleSet(b -> b.ruleSetName(name));
        } else if (!set.active() && wasActive) {
            if (activeWanted == null) {
                what.add("made inactive: no rule set is active in the document");
                activation = ses -> ses.setActiveReceiptRuleSet(b -> { });
            } else {
                what.add("no longer active: " + activeWanted + " is");
            }
        }
        Consumer<SesClient> reordering = reorder
                ? ses -> ses.reorderReceiptRuleSet(b -> b.ruleSetName(name).ruleNames(wantOrder)) : null;
        String doing = set.active() ? "activating rule set " + name : "deactivating rule set " + name;
        if (old == null) {
            // a new set is reported first, with its creation; its rules follow, then it is activated
            steps.add(new Step(new Change(Status.CREATED, "rule-set", name, set.active() ? "active" : null),
                    "creating rule set " + name, ses -> ses.createReceiptRuleSet(b -> b.ruleSetName(name))));
            steps.addAll(ruleSteps);
            if (activation != null) {
                steps.add(new Step(null, doing, activation));
            }
            return;
        }
        // an existing set is reported after its rules, with the calls that change the set itself
        steps.addAll(ruleSteps);
        if (what.isEmpty()) {
            unchanged("rule-set", name);
            return;
        }
        Change change = new Change(Status.UPDATED, "rule-set", name, String.join("; ", what));
        if (reordering != null) {
            steps.add(new Step(activation == null ? change : null, "reordering rule set " + name, reordering));
        }
        if (activation != null || reordering == null) {
            steps.add(new Step(change, doing, activation));
        }
    }

    /** The fields of a rule that differ, once both sides are normalised as the daemon stores rules. */
    private List<String> differences(RulesDocument.Rule have, RulesDocument.Rule want) {
        List<String> changed = new ArrayList<>();
        if (have.enabled() != want.enabled()) {
            changed.add("enabled " + have.enabled() + " -> " + want.enabled());
        }
        if (!Objects.equals(have.tlsPolicy(), want.tlsPolicy())) {
            changed.add("tlsPolicy " + have.tlsPolicy() + " -> " + want.tlsPolicy());
        }
        if (have.scanEnabled() != want.scanEnabled()) {
            changed.add("scanEnabled " + have.scanEnabled() + " -> " + want.scanEnabled());
        }
        if (!new TreeSet<>(have.recipients()).equals(new TreeSet<>(want.recipients()))) {
            changed.add("recipients");
        }
        if (!withDefaults(have.actions()).equals(withDefaults(want.actions()))) {
            changed.add("actions");
        }
        return changed;
    }

    private List<Map<String, Map<String, String>>> withDefaults(List<Map<String, Map<String, String>>> actions) {
        List<Map<String, Map<String, String>>> out = new ArrayList<>();
        for (Map<String, Map<String, String>> entry : actions) {
            Map<String, Map<String, String>> members = new HashMap<>();
            entry.forEach((type, parameters) -> {
                Map<String, String> p = new HashMap<>(defaults.getOrDefault(type, Map.of()));
                p.putAll(parameters);
                members.put(type, p);
            });
            out.add(members);
        }
        return out;
    }

    // ---- helpers -------------------------------------------------------------------------------------

    private void step(Change change, String doing, Consumer<SesClient> calls) {
        steps.add(new Step(change, doing, calls));
    }

    private void unchanged(String kind, String name) {
        steps.add(new Step(new Change(Status.UNCHANGED, kind, name, null), null, null));
    }

    /** An object absent from the document: deleted under --prune, else left alone. */
    private void absent(String kind, String name, String doing, Consumer<SesClient> delete) {
        if (prune) {
            steps.add(new Step(new Change(Status.DELETED, kind, name, null), doing, delete));
        } else {
            steps.add(new Step(new Change(Status.KEPT, kind, name, "not in the document"), null, null));
        }
    }

    private static Set<String> lowerCase(List<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }
}
