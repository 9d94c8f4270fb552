package io.inlet.config.identity;

import io.inlet.config.api.XmlWriter;

import java.util.Collection;

/** Output helpers for the identity shapes. */
final class Xml {
    private Xml() {
    }

    /** A list that is always present: {@code <name/>} when empty, as SES writes required lists. */
    static void list(XmlWriter out, String name, Collection<String> values) {
        if (values.isEmpty()) {
            out.empty(name);
        } else {
            out.list(name, values);
        }
    }
}
