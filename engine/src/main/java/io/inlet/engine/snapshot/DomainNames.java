package io.inlet.engine.snapshot;

/** Label arithmetic on lower-case domain names, without allocation beyond the suffix strings. */
final class DomainNames {

    private DomainNames() {
    }

    /** {@code a.b.c} → {@code b.c}; a single label (or an empty tail) → null. */
    static String parent(String domain) {
        int dot = domain.indexOf('.');
        return dot < 0 || dot == domain.length() - 1 ? null : domain.substring(dot + 1);
    }
}
