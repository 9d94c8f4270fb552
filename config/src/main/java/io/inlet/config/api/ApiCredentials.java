package io.inlet.config.api;

import java.util.Objects;

/** One access key of the Query API: the key pair a client signs with and the account it acts as. */
public record ApiCredentials(String accessKeyId, String secretAccessKey, String accountId) {

    public ApiCredentials {
        requireText(accessKeyId, "accessKeyId");
        requireText(secretAccessKey, "secretAccessKey");
        requireText(accountId, "accountId");
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    /** Never prints the secret: records end up in logs and exception messages. */
    @Override
    public String toString() {
        return "ApiCredentials[accessKeyId=" + accessKeyId + ", accountId=" + accountId + "]";
    }
}
