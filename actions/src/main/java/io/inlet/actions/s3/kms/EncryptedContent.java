package io.inlet.actions.s3.kms;

import io.inlet.rules.spi.MessageContent;

import javax.crypto.Cipher;
import javax.crypto.CipherInputStream;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;

/**
 * A message encrypted with AES/GCM/NoPadding as it is read: the ciphertext followed by the 16-byte
 * tag, never held whole in memory. Each {@link #open()} starts a new cipher with the same key and
 * IV, so a re-read (an SDK retry) yields the same bytes; the same key and IV never encrypt
 * different plaintext, because the key is used for this one message only.
 */
final class EncryptedContent implements MessageContent {

    static final String CIPHER = "AES/GCM/NoPadding";
    static final int TAG_BITS = 128;

    private final MessageContent plaintext;
    private final SecretKey key;
    private final byte[] iv;

    EncryptedContent(MessageContent plaintext, SecretKey key, byte[] iv) {
        this.plaintext = plaintext;
        this.key = key;
        this.iv = iv.clone();
    }

    @Override
    public long size() {
        return plaintext.size() + TAG_BITS / 8;
    }

    @Override
    public InputStream open() throws IOException {
        Cipher cipher;
        try {
            cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK must provide " + CIPHER, e);
        }
        return new CipherInputStream(plaintext.open(), cipher);
    }
}
