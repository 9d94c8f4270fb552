package io.inlet.actions.s3.kms;

import javax.crypto.SecretKey;

/**
 * A fresh AES-256 data key from KMS {@code GenerateDataKey}: the key that encrypts one object, and
 * the same key encrypted under the KMS key ({@code x-amz-key-v2}), which is all a reader needs
 * (with the encryption context) to get it back through KMS {@code Decrypt}.
 */
public record DataKey(SecretKey key, byte[] encryptedKey) {
}
