package io.inlet.config.api;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A minimal streaming XML writer for Query API responses: elements and escaped text, nothing
 * else. Handlers write the members of their {@code <{Op}Result>}; the server writes the envelope.
 */
public final class XmlWriter {
    private final StringBuilder out = new StringBuilder(256);
    private final Deque<String> open = new ArrayDeque<>();

    public XmlWriter start(String name) {
        out.append('<').append(name).append('>');
        open.push(name);
        return this;
    }

    /** Opens an element carrying one attribute (used for the envelope's xmlns). */
    public XmlWriter start(String name, String attribute, String value) {
        out.append('<').append(name).append(' ').append(attribute).append("=\"");
        escape(value);
        out.append("\">");
        open.push(name);
        return this;
    }

    public XmlWriter end() {
        out.append("</").append(open.pop()).append('>');
        return this;
    }

    /** {@code <name>text</name>}; nothing at all when text is null. */
    public XmlWriter element(String name, String text) {
        if (text == null) {
            return this;
        }
        out.append('<').append(name).append('>');
        escape(text);
        out.append("</").append(name).append('>');
        return this;
    }

    public XmlWriter element(String name, boolean value) {
        return element(name, Boolean.toString(value));
    }

    public XmlWriter element(String name, long value) {
        return element(name, Long.toString(value));
    }

    /** {@code <name/>}: how the Query protocol writes an empty list or an empty result. */
    public XmlWriter empty(String name) {
        out.append('<').append(name).append("/>");
        return this;
    }

    /** {@code <name><member>v</member>...</name>}, or {@code <name/>} when empty. */
    public XmlWriter list(String name, Iterable<String> values) {
        start(name);
        for (String v : values) {
            element("member", v);
        }
        return end();
    }

    private void escape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\r' -> out.append("&#13;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        out.append("&#").append((int) c).append(';');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
