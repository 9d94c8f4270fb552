package io.inlet.engine.process;

import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;

import java.util.ArrayList;
import java.util.List;

/** Address-list header values, as SES shows them. */
final class AddressLists {

    private AddressLists() {
    }

    /**
     * The list split into its entries as written ({@code commonHeaders.from}, {@code to}, ...):
     * commas inside quotes, comments, angle brackets and groups do not split.
     */
    static List<String> entries(String value) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean group = false;
        int comment = 0;
        int angle = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((quoted || comment > 0) && c == '\\' && i + 1 < value.length()) {
                current.append(c).append(value.charAt(++i));
                continue;
            }
            if (quoted) {
                quoted = c != '"';
            } else if (c == '(') {
                comment++;
            } else if (c == ')' && comment > 0) {
                comment--;
            } else if (comment == 0) {
                if (c == '"') {
                    quoted = true;
                } else if (c == '<') {
                    angle++;
                } else if (c == '>' && angle > 0) {
                    angle--;
                } else if (c == ':' && angle == 0) {
                    group = true;
                } else if (c == ';' && angle == 0) {
                    group = false;
                } else if (c == ',' && angle == 0 && !group) {
                    add(out, current);
                    continue;
                }
            }
            current.append(c);
        }
        add(out, current);
        return out;
    }

    /** The bare addresses ({@code local@domain}) of every mailbox, groups flattened ({@code mail.destination}). */
    static List<String> addresses(String value) {
        List<String> out = new ArrayList<>();
        AddressList list = LenientAddressParser.DEFAULT.parseAddressList(value);
        for (Mailbox m : list.flatten()) {
            if (m.getAddress() != null && !m.getAddress().isEmpty()) {
                out.add(m.getAddress());
            }
        }
        return out;
    }

    private static void add(List<String> out, StringBuilder current) {
        String entry = current.toString().strip();
        if (!entry.isEmpty()) {
            out.add(entry);
        }
        current.setLength(0);
    }
}
