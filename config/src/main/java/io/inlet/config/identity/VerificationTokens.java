package io.inlet.config.identity;

import java.security.SecureRandom;
import java.util.Base64;

/** Domain verification tokens in SES's form: 32 random bytes, standard base64 (44 characters, ending in '='). */
final class VerificationTokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private VerificationTokens() {
    }

    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
