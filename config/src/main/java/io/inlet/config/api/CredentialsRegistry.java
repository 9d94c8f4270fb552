package io.inlet.config.api;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured access keys, looked up by access key id. Several keys may map to one account. */
public final class CredentialsRegistry {
    private final Map<String, ApiCredentials> byKeyId;

    public CredentialsRegistry(Collection<ApiCredentials> credentials) {
        Map<String, ApiCredentials> map = new HashMap<>();
        for (ApiCredentials c : credentials) {
            if (map.putIfAbsent(c.accessKeyId(), c) != null) {
                throw new IllegalArgumentException("Duplicate access key id: " + c.accessKeyId());
            }
        }
        this.byKeyId = Map.copyOf(map);
    }

    public static CredentialsRegistry of(ApiCredentials... credentials) {
        return new CredentialsRegistry(List.of(credentials));
    }

    public Optional<ApiCredentials> find(String accessKeyId) {
        return accessKeyId == null ? Optional.empty() : Optional.ofNullable(byKeyId.get(accessKeyId));
    }

    public int size() {
        return byKeyId.size();
    }
}
