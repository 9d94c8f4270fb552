package io.inlet.config.receipt;

import io.inlet.config.api.QueryParams;
import io.inlet.rules.ActionSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Query-protocol decoding that {@link QueryParams} leaves to the operations because SES is
 * stricter than the general convention: xsd booleans, the sparse {@code RuleNames} list and the
 * {@code Rule.Actions} list, with the MalformedInput/InvalidParameterValue replies probed by floci.
 */
final class WireLists {
    /** Probed: a gap of more than this many indexes in a string list is MalformedInput. */
    private static final int MAX_SKIP = 10;
    private static final int MAX_INDEX = 214_748_369;

    private WireLists() {
    }

    /** An xsd:boolean member ({@code true}, {@code false}, {@code 1}, {@code 0}); absent = false. */
    static boolean xsdBoolean(QueryParams params, String name) {
        String raw = params.get(name);
        if (raw == null) {
            return false;
        }
        return switch (raw) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            case "" -> throw ReceiptErrors.malformed("missing value for boolean type");
            default -> throw ReceiptErrors.malformed("boolean must follow xsd1.1 definition");
        };
    }

    /**
     * A list of strings where SES pads small index gaps with empty members (which then fail the
     * member constraint) instead of closing them. Null when absent, empty for {@code Prefix=}.
     */
    static List<String> paddedStrings(QueryParams params, String prefix) {
        String memberPrefix = prefix + ".member.";
        TreeMap<Integer, String> byIndex = new TreeMap<>();
        for (Map.Entry<String, String> e : params.asMap().entrySet()) {
            if (e.getKey().startsWith(memberPrefix)) {
                byIndex.putIfAbsent(listIndex(e.getKey().substring(memberPrefix.length())), e.getValue());
            }
        }
        if (byIndex.isEmpty()) {
            return params.has(prefix) ? new ArrayList<>() : null;
        }
        List<String> out = new ArrayList<>();
        int previous = 0;
        for (Map.Entry<Integer, String> member : byIndex.entrySet()) {
            int skip = member.getKey() - Math.max(previous, 1);
            if (skip > MAX_SKIP) {
                throw ReceiptErrors.malformed(String.format(Locale.ROOT,
                        "Excessively sparse input would skip %,d list elements", skip));
            }
            while (out.size() < member.getKey() - 1) {
                out.add("");
            }
            out.add(member.getValue());
            previous = member.getKey();
        }
        return out;
    }

    private static int listIndex(String token) {
        if (token.isEmpty() || !token.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ReceiptErrors.malformed("Start of list found where not expected");
        }
        if (token.equals("0")) {
            throw ReceiptErrors.malformed("0 is not a valid index");
        }
        if (token.charAt(0) == '0') {
            throw ReceiptErrors.malformed("Value found where not expected");
        }
        // Probed: the largest index SES's parser takes (found by bisection, floci).
        if (token.length() > 9 || Integer.parseInt(token) > MAX_INDEX) {
            throw ReceiptErrors.malformed("Index " + token + " is illegal");
        }
        return Integer.parseInt(token);
    }

    /**
     * The entries of {@code Rule.Actions}: for each index 1..N, its members ({@code Type.Param=v})
     * in the order the request named them. Keys that are not {@code member.N.Type.Param} are
     * ignored like any unmodelled parameter; an index with no member, or a gap, is refused as SES
     * refuses the padded empty slot. Null when absent, empty for {@code Rule.Actions=}.
     */
    static List<List<ActionSpec>> actionEntries(QueryParams params, String prefix) {
        String memberPrefix = prefix + ".member.";
        TreeMap<Integer, Map<String, Map<String, String>>> byIndex = new TreeMap<>();
        for (Map.Entry<String, String> e : params.asMap().entrySet()) {
            if (!e.getKey().startsWith(memberPrefix)) {
                continue;
            }
            String rest = e.getKey().substring(memberPrefix.length());
            int dot = rest.indexOf('.');
            String token = dot < 0 ? rest : rest.substring(0, dot);
            if (token.isEmpty() || !token.chars().allMatch(c -> c >= '0' && c <= '9')) {
                continue;
            }
            if (token.length() > 6) {
                throw ReceiptErrors.noActionType();
            }
            int index = Integer.parseInt(token);
            if (index == 0) {
                throw ReceiptErrors.malformed("0 is not a valid index");
            }
            Map<String, Map<String, String>> members = byIndex.computeIfAbsent(index, i -> new LinkedHashMap<>());
            String member = dot < 0 ? "" : rest.substring(dot + 1);
            int paramDot = member.indexOf('.');
            if (paramDot > 0 && paramDot < member.length() - 1) {
                members.computeIfAbsent(member.substring(0, paramDot), t -> new LinkedHashMap<>())
                        .put(member.substring(paramDot + 1), e.getValue());
            }
        }
        if (byIndex.isEmpty()) {
            return params.has(prefix) ? new ArrayList<>() : null;
        }
        List<List<ActionSpec>> entries = new ArrayList<>();
        int expected = 1;
        for (Map.Entry<Integer, Map<String, Map<String, String>>> entry : byIndex.entrySet()) {
            if (entry.getKey() != expected++ || entry.getValue().isEmpty()) {
                throw ReceiptErrors.noActionType();
            }
            List<ActionSpec> members = new ArrayList<>();
            entry.getValue().forEach((type, parameters) -> members.add(new ActionSpec(type, parameters)));
            entries.add(members);
        }
        return entries;
    }
}
