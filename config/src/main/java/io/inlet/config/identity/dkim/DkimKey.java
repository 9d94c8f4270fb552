package io.inlet.config.identity.dkim;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * One Easy DKIM key: a token, which is also the DKIM selector ({@code s=<token>}, published at
 * {@code <token>._domainkey.<domain>}), and its RSA-2048 private key as base64 PKCS#8 DER. Only
 * the private key is stored: the public key is derived from it (a CRT private key carries the
 * modulus and public exponent), so the two can never disagree.
 *
 * @param token  32 characters of lower-case base32, the form of SES's tokens
 * @param pkcs8  the private key, base64 of its PKCS#8 encoding
 */
public record DkimKey(String token, String pkcs8) {
    private static final int KEY_BITS = 2048;
    private static final int TOKEN_BYTES = 20; // 160 bits = 32 base32 characters, no padding
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new token with a new key pair from the JDK's RSA generator. */
    public static DkimKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_BITS, RANDOM);
            KeyPair pair = generator.generateKeyPair();
            return new DkimKey(newToken(), Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is not available", e);
        }
    }

    /** The private key a signer uses ({@code a=rsa-sha256}). */
    public RSAPrivateCrtKey privateKey() {
        try {
            return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pkcs8)));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("stored DKIM key of selector " + token + " is not readable", e);
        }
    }

    /** Base64 of the public key's SubjectPublicKeyInfo: the {@code p=} tag of the DKIM key record. */
    public String publicKeyBase64() {
        RSAPrivateCrtKey key = privateKey();
        try {
            byte[] spki = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())).getEncoded();
            return Base64.getEncoder().encodeToString(spki);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The TXT record value to publish at {@link #recordName}: {@code v=DKIM1; k=rsa; p=<base64>}. */
    public String txtValue() {
        return "v=DKIM1; k=rsa; p=" + publicKeyBase64();
    }

    /** {@code <token>._domainkey.<domain>}. */
    public String recordName(String domain) {
        return token + "._domainkey." + domain;
    }

    static String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        BigInteger bits = new BigInteger(1, bytes);
        StringBuilder token = new StringBuilder();
        for (int i = TOKEN_BYTES * 8 / 5 - 1; i >= 0; i--) {
            token.append(BASE32.charAt(bits.shiftRight(i * 5).intValue() & 31));
        }
        return token.toString();
    }
}
