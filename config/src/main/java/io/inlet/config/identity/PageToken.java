package io.inlet.config.identity;

import io.inlet.config.api.SesException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * ListIdentities' opaque NextToken: the IdentityType of the listing, the last identity returned
 * and its index. Paging resumes right after that identity; if it was deleted meanwhile, at its
 * old index (where its successor now stands), so deletes between pages lose nothing.
 */
record PageToken(String identityType, String lastIdentity, int position) {
    private static final String VERSION = "i1";

    String encode() {
        String raw = VERSION + "\n" + (identityType == null ? "" : identityType) + "\n" + position + "\n" + lastIdentity;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static PageToken decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = raw.split("\n", 4);
            if (parts.length != 4 || !VERSION.equals(parts[0])) {
                throw invalid();
            }
            int position = Integer.parseInt(parts[2]);
            if (position < 0) {
                throw invalid();
            }
            return new PageToken(parts[1].isEmpty() ? null : parts[1], parts[3], position);
        } catch (IllegalArgumentException e) { // bad base64 or number
            throw invalid();
        }
    }

    /** Index in {@code identities} of the first identity of the next page. */
    int resumeIndex(List<String> identities) {
        int at = identities.indexOf(lastIdentity);
        return at >= 0 ? at + 1 : Math.min(position, identities.size());
    }

    private static SesException invalid() {
        return SesException.invalidParameter("Invalid NextToken.");
    }
}
