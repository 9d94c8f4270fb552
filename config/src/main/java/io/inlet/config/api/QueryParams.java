package io.inlet.config.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The decoded parameters of one Query API request ({@code Action}, {@code Version} and the
 * operation's members), with the Query protocol's list and structure conventions:
 * {@code Prefix.member.N} for lists (and {@code Prefix=} for an empty list), {@code Parent.Member}
 * for structures.
 */
public final class QueryParams {
    private final Map<String, String> values;

    public QueryParams(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public Map<String, String> asMap() {
        return values;
    }

    /** The raw value, or null when the parameter is absent. */
    public String get(String name) {
        return values.get(name);
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** Whether any parameter is {@code prefix} itself or starts with {@code prefix.}. */
    public boolean hasStructure(String prefix) {
        String dotted = prefix + ".";
        for (String key : values.keySet()) {
            if (key.equals(prefix) || key.startsWith(dotted)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The list at {@code prefix}: the values of {@code prefix.member.1..N} ordered by N, an empty
     * list for {@code prefix=} (how SDKs send an empty list), or null when absent altogether.
     */
    public List<String> list(String prefix) {
        TreeMap<Integer, String> byIndex = new TreeMap<>();
        String memberPrefix = prefix + ".member.";
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = e.getKey();
            if (key.startsWith(memberPrefix)) {
                String rest = key.substring(memberPrefix.length());
                if (rest.indexOf('.') < 0) {
                    Integer index = parseIndex(rest);
                    if (index != null) {
                        byIndex.put(index, e.getValue());
                    }
                }
            }
        }
        if (!byIndex.isEmpty()) {
            return new ArrayList<>(byIndex.values());
        }
        return values.containsKey(prefix) ? new ArrayList<>() : null;
    }

    /**
     * The structures of a list of structures at {@code prefix}: for each N (ascending) the
     * sub-parameters under {@code prefix.member.N.}, keyed without that prefix. Empty when absent.
     */
    public List<QueryParams> structureList(String prefix) {
        TreeMap<Integer, Map<String, String>> byIndex = new TreeMap<>();
        String memberPrefix = prefix + ".member.";
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = e.getKey();
            if (key.startsWith(memberPrefix)) {
                String rest = key.substring(memberPrefix.length());
                int dot = rest.indexOf('.');
                Integer index = parseIndex(dot < 0 ? rest : rest.substring(0, dot));
                if (index != null) {
                    Map<String, String> sub = byIndex.computeIfAbsent(index, i -> new LinkedHashMap<>());
                    if (dot >= 0) {
                        sub.put(rest.substring(dot + 1), e.getValue());
                    }
                }
            }
        }
        List<QueryParams> out = new ArrayList<>();
        for (Map<String, String> sub : byIndex.values()) {
            out.add(new QueryParams(sub));
        }
        return out;
    }

    /** The sub-parameters of the structure at {@code prefix}, keyed without {@code prefix.}. */
    public QueryParams structure(String prefix) {
        String dotted = prefix + ".";
        Map<String, String> sub = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey().startsWith(dotted)) {
                sub.put(e.getKey().substring(dotted.length()), e.getValue());
            }
        }
        return new QueryParams(sub);
    }

    private static Integer parseIndex(String s) {
        if (s.isEmpty() || s.length() > 6) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return null;
            }
        }
        int n = Integer.parseInt(s);
        return n >= 1 ? n : null;
    }
}
