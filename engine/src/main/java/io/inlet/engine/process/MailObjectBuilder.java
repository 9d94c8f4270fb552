package io.inlet.engine.process;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inlet.engine.message.Envelope;
import io.inlet.engine.verdicts.Header;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SES {@code mail} object (SES-RECEIVING.md §4.2) of one message: the headers Inlet put on top
 * (trace, verdicts, AddHeader) followed by the message's own, at most 10 KB of them.
 */
public final class MailObjectBuilder {

    private MailObjectBuilder() {
    }

    /**
     * @param top      the headers above the original block, in message order
     * @param original the message's own header block
     */
    public static ObjectNode build(String messageId, Envelope envelope, List<Header> top, ParsedHeaders original) {
        ObjectNode mail = Json.MAPPER.createObjectNode();
        mail.put("timestamp", IsoTime.format(envelope.receivedAt()));
        mail.put("source", envelope.mailFrom() == null ? "" : envelope.mailFrom());
        mail.put("messageId", messageId);
        ArrayNode destination = mail.putArray("destination");
        destinations(top, original).forEach(destination::add);

        List<Header> all = new ArrayList<>(top);
        all.addAll(original.headers());
        List<Header> shown = withinLimit(all);
        mail.put("headersTruncated", !original.complete() || shown.size() < all.size());
        ArrayNode headers = mail.putArray("headers");
        for (Header h : shown) {
            headers.addObject().put("name", h.name()).put("value", h.value());
        }
        mail.set("commonHeaders", commonHeaders(top, original));
        return mail;
    }

    /** The longest prefix of {@code all} within SES's 10 KB. */
    private static List<Header> withinLimit(List<Header> all) {
        long bytes = 0;
        for (int i = 0; i < all.size(); i++) {
            bytes += HeaderParser.wireSize(all.get(i));
            if (bytes > HeaderParser.KEEP_BYTES) {
                return all.subList(0, i);
            }
        }
        return all;
    }

    /** Every address of every To field, then of every Cc field: the header recipients, not the envelope. */
    private static List<String> destinations(List<Header> top, ParsedHeaders original) {
        List<String> out = new ArrayList<>();
        for (String name : List.of("to", "cc")) {
            for (String value : occurrences(name, top, original)) {
                out.addAll(AddressLists.addresses(value));
            }
        }
        return out;
    }

    private static ObjectNode commonHeaders(List<Header> top, ParsedHeaders original) {
        ObjectNode common = Json.MAPPER.createObjectNode();
        String returnPath = first("return-path", top, original);
        if (returnPath != null) {
            common.put("returnPath", stripAngles(returnPath));
        }
        putList(common, "from", first("from", top, original));
        String date = first("date", top, original);
        if (date != null) {
            common.put("date", date);
        }
        putList(common, "to", first("to", top, original));
        putList(common, "cc", first("cc", top, original));
        putList(common, "bcc", first("bcc", top, original));
        putList(common, "sender", first("sender", top, original));
        putList(common, "replyTo", first("reply-to", top, original));
        String messageId = first("message-id", top, original);
        if (messageId != null) {
            common.put("messageId", messageId.strip());
        }
        String subject = first("subject", top, original);
        if (subject != null) {
            common.put("subject", subject);
        }
        return common;
    }

    private static void putList(ObjectNode node, String key, String value) {
        if (value != null) {
            ArrayNode list = node.putArray(key);
            AddressLists.entries(value).forEach(list::add);
        }
    }

    /** The first field of that name from the top of the message down (so our Return-Path wins). */
    private static String first(String lowerName, List<Header> top, ParsedHeaders original) {
        List<String> all = occurrences(lowerName, top, original);
        return all.isEmpty() ? null : all.get(0);
    }

    private static List<String> occurrences(String lowerName, List<Header> top, ParsedHeaders original) {
        List<String> out = new ArrayList<>();
        for (Header h : top) {
            if (h.name().toLowerCase(Locale.ROOT).equals(lowerName)) {
                out.add(h.value());
            }
        }
        out.addAll(original.all(lowerName));
        return out;
    }

    private static String stripAngles(String s) {
        String t = s.strip();
        if (t.startsWith("<") && t.endsWith(">")) {
            t = t.substring(1, t.length() - 1).strip();
        }
        return t;
    }
}
