package io.inlet.actions.s3.kms;

import io.inlet.rules.spi.MessageContent;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SES's client-side encryption of stored mail: the S3 Encryption Client format with object
 * metadata ("v2" keys), a KMS data key per object wrapped with {@code kms}, AES-256-GCM content
 * (SES-RECEIVING.md §3.4). Any S3 Encryption Client that reads legacy {@code kms} wrapping, or KMS
 * {@code Decrypt} of {@code x-amz-key-v2} with {@code x-amz-matdesc} as the encryption context
 * plus AES-GCM by hand, gets the message back.
 */
public final class EnvelopeEncryption {

    public static final String KEY_V2 = "x-amz-key-v2";
    public static final String IV = "x-amz-iv";
    public static final String CEK_ALG = "x-amz-cek-alg";
    public static final String WRAP_ALG = "x-amz-wrap-alg";
    public static final String TAG_LEN = "x-amz-tag-len";
    public static final String MATDESC = "x-amz-matdesc";
    public static final String UNENCRYPTED_CONTENT_LENGTH = "x-amz-unencrypted-content-length";

    private static final int IV_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private EnvelopeEncryption() {
    }

    /**
     * Asks KMS for a data key under {@code keyArn} and {@code encryptionContext}, and returns the
     * message as it will be encrypted while being stored, with its metadata.
     */
    public static EncryptedMessage seal(KmsKeys kms, String keyArn, Map<String, String> encryptionContext,
                                        MessageContent plaintext) throws IOException {
        DataKey dataKey = kms.generateDataKey(keyArn, encryptionContext);
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        Base64.Encoder base64 = Base64.getEncoder();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(KEY_V2, base64.encodeToString(dataKey.encryptedKey()));
        metadata.put(IV, base64.encodeToString(iv));
        metadata.put(CEK_ALG, EncryptedContent.CIPHER);
        metadata.put(WRAP_ALG, "kms"); // what SES writes; the newer kms+context would need aws:x-amz-cek-alg in the context
        metadata.put(TAG_LEN, String.valueOf(EncryptedContent.TAG_BITS));
        metadata.put(MATDESC, SesEncryptionContext.json(encryptionContext));
        metadata.put(UNENCRYPTED_CONTENT_LENGTH, String.valueOf(plaintext.size()));
        return new EncryptedMessage(new EncryptedContent(plaintext, dataKey.key(), iv), metadata);
    }
}
