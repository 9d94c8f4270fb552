package io.inlet.actions.s3.kms;

import io.inlet.rules.spi.MessageContent;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What is stored for an encrypted message: the ciphertext (streamed) and the user metadata
 * ({@code x-amz-key-v2}, {@code x-amz-iv}, ...) a reader needs to decrypt it.
 */
public record EncryptedMessage(MessageContent content, Map<String, String> metadata) {
    public EncryptedMessage {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata)); // keeps the order for readers of the sidecar file
    }
}
