package io.inlet.actions;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fake AWS credentials as the {@code aws.accessKeyId} and {@code aws.secretAccessKey} system
 * properties: the plugins' AWS backends read the SDK's default chain, where these come first.
 * {@link #close()} puts back what was there, so one test class does not leak keys into the next.
 */
final class AwsCredentialProperties implements AutoCloseable {

    private final Map<String, String> previous = new LinkedHashMap<>();

    private AwsCredentialProperties() {
    }

    static AwsCredentialProperties set(String accessKeyId, String secretAccessKey) {
        AwsCredentialProperties properties = new AwsCredentialProperties();
        properties.replace("aws.accessKeyId", accessKeyId);
        properties.replace("aws.secretAccessKey", secretAccessKey);
        return properties;
    }

    private void replace(String property, String value) {
        previous.put(property, System.getProperty(property));
        System.setProperty(property, value);
    }

    @Override
    public void close() {
        previous.forEach((property, value) -> {
            if (value == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, value);
            }
        });
    }
}
