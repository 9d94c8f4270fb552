package io.inlet.config.receipt;

import io.inlet.rules.ReceiptRuleSetMetadata;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The opaque {@code NextToken} of ListReceiptRuleSets: the last set of the previous page (its
 * name and creation time), base64url-encoded. Resuming by name instead of by offset keeps paging
 * right when sets are created or deleted between pages; if that set itself was deleted, the next
 * page starts at the first set created after it.
 */
final class PageToken {
    private static final String VERSION = "1";

    private PageToken() {
    }

    static String after(ReceiptRuleSetMetadata last) {
        String plain = VERSION + ":" + last.createdTimestamp().toEpochMilli() + ":" + last.name();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The index in {@code sets} (creation order) where the page after {@code token} starts. */
    static int resume(String token, List<ReceiptRuleSetMetadata> sets) {
        String[] parts = decode(token);
        long createdMillis;
        try {
            createdMillis = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            throw ReceiptErrors.invalidNextToken();
        }
        String name = parts[2];
        for (int i = 0; i < sets.size(); i++) {
            if (sets.get(i).name().equals(name)) {
                return i + 1;
            }
        }
        for (int i = 0; i < sets.size(); i++) {
            if (sets.get(i).createdTimestamp().toEpochMilli() > createdMillis) {
                return i;
            }
        }
        return sets.size();
    }

    private static String[] decode(String token) {
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ReceiptErrors.invalidNextToken();
        }
        String[] parts = plain.split(":", 3);
        if (parts.length != 3 || !parts[0].equals(VERSION) || parts[2].isEmpty()) {
            throw ReceiptErrors.invalidNextToken();
        }
        return parts;
    }
}
