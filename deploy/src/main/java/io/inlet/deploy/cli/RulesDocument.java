package io.inlet.deploy.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The receipt configuration of one account and region as one document (CLI.md "The rules
 * document"): identities, IP filters, and every rule set with its rules in order, the active one
 * marked. Names and values follow the SES API: rule fields in the API's member names with a
 * lower-case first letter, action entries in the wire names exactly ({@code S3Action},
 * {@code BucketName}, …). Absent lists are empty; absent flags false; absent {@code tlsPolicy}
 * {@code Optional}.
 */
@JsonPropertyOrder({"identities", "filters", "ruleSets"})
record RulesDocument(Identities identities, List<Filter> filters, List<RuleSet> ruleSets) {

    RulesDocument {
        identities = identities == null ? new Identities(null, null) : identities;
        filters = filters == null ? List.of() : List.copyOf(filters);
        ruleSets = ruleSets == null ? List.of() : List.copyOf(ruleSets);
    }

    @JsonPropertyOrder({"domains", "emailAddresses"})
    record Identities(List<String> domains, List<String> emailAddresses) {
        Identities {
            domains = domains == null ? List.of() : List.copyOf(domains);
            emailAddresses = emailAddresses == null ? List.of() : List.copyOf(emailAddresses);
        }
    }

    /** An IP filter: {@code policy} {@code Allow} or {@code Block}, {@code cidr} an address or CIDR range. */
    @JsonPropertyOrder({"name", "policy", "cidr"})
    record Filter(String name, String policy, String cidr) {
    }

    @JsonPropertyOrder({"name", "active", "rules"})
    record RuleSet(String name, boolean active, List<Rule> rules) {
        RuleSet {
            rules = rules == null ? List.of() : List.copyOf(rules);
        }
    }

    /**
     * A receipt rule. {@code actions}: one entry per action, each a one-key map from the action type
     * to its parameters, e.g. {@code {S3Action: {BucketName: mail, ObjectKeyPrefix: in/}}}.
     */
    @JsonPropertyOrder({"name", "enabled", "tlsPolicy", "scanEnabled", "recipients", "actions"})
    record Rule(String name, boolean enabled, String tlsPolicy, boolean scanEnabled, List<String> recipients,
                List<Map<String, Map<String, String>>> actions) {
        Rule {
            tlsPolicy = tlsPolicy == null ? "Optional" : tlsPolicy;
            recipients = recipients == null ? List.of() : List.copyOf(recipients);
            List<Map<String, Map<String, String>>> copy = new ArrayList<>();
            if (actions != null) {
                for (Map<String, Map<String, String>> entry : actions) {
                    Map<String, Map<String, String>> members = new LinkedHashMap<>();
                    if (entry != null) {
                        entry.forEach((type, parameters) -> members.put(type,
                                parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters))));
                    }
                    copy.add(java.util.Collections.unmodifiableMap(members));
                }
            }
            actions = List.copyOf(copy);
        }
    }

    /** The active rule set in the document, or null. */
    String activeRuleSet() {
        return ruleSets.stream().filter(RuleSet::active).map(RuleSet::name).findFirst().orElse(null);
    }

    // ---- reading and writing -------------------------------------------------------------------

    enum Format {
        YAML, JSON;

        static Format parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CliException("--format must be yaml or json: " + text, 2);
            }
        }
    }

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .build();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    String write(Format format, String header) {
        try {
            if (format == Format.JSON) {
                return JSON.writeValueAsString(this) + "\n";
            }
            return (header == null ? "" : header) + YAML.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a document (JSON when it starts with '{', else YAML) and checks it; {@code source} names it in errors. */
    static RulesDocument parse(String text, String source) {
        String trimmed = text.stripLeading();
        ObjectMapper mapper = trimmed.startsWith("{") ? JSON : YAML;
        RulesDocument doc;
        try {
            doc = trimmed.isEmpty() ? null : mapper.readValue(text, RulesDocument.class);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new CliException(source + ": not a rules document: " + e.getOriginalMessage().lines().findFirst().orElse("")
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        if (doc == null) {
            throw new CliException(source + ": empty document");
        }
        List<String> problems = doc.problems();
        if (!problems.isEmpty()) {
            throw new CliException(source + ": " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                    + ":\n  " + String.join("\n  ", problems));
        }
        return doc;
    }

    /** What makes the document unusable, before anything is sent: missing names, duplicates, two active sets. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        checkNames(identities.domains(), "identities.domains", true, problems);
        checkNames(identities.emailAddresses(), "identities.emailAddresses", true, problems);
        checkNames(filters.stream().map(Filter::name).toList(), "filters", false, problems);
        for (Filter f : filters) {
            if (f.policy() == null || f.cidr() == null) {
                problems.add("filter " + f.name() + ": needs policy (Allow or Block) and cidr");
            }
        }
        checkNames(ruleSets.stream().map(RuleSet::name).toList(), "ruleSets", false, problems);
        long active = ruleSets.stream().filter(RuleSet::active).count();
        if (active > 1) {
            problems.add("ruleSets: " + active + " rule sets are active; at most one can be");
        }
        for (RuleSet set : ruleSets) {
            checkNames(set.rules().stream().map(Rule::name).toList(), "rule set " + set.name() + ": rules", false, problems);
            for (Rule rule : set.rules()) {
                String where = "rule " + set.name() + "/" + rule.name();
                int index = 0;
                for (Map<String, Map<String, String>> entry : rule.actions()) {
                    index++;
                    if (entry.isEmpty()) {
                        problems.add(where + ": action " + index + " names no action type");
                    }
                    entry.forEach((type, parameters) -> parameters.forEach((name, value) -> {
                        if (value == null) {
                            problems.add(where + ": " + type + "." + name + " has no value");
                        }
                    }));
                }
                for (String r : rule.recipients()) {
                    if (r == null || r.isBlank()) {
                        problems.add(where + ": an empty recipient");
                    }
                }
            }
        }
        return problems;
    }

    private static void checkNames(List<String> names, String where, boolean anyCase, List<String> problems) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name == null || name.isBlank()) {
                problems.add(where + ": an entry without a name");
            } else if (!seen.add(anyCase ? name.toLowerCase(Locale.ROOT) : name)) {
                problems.add(where + ": " + name + " appears twice");
            }
        }
    }
}
