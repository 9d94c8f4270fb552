package io.inlet.actions.s3.kms;

import io.inlet.actions.s3.S3Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KeyUsageType;

import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * KMS for {@code KmsKeyArn}: AWS KMS, or any KMS-compatible endpoint
 * ({@code actions.s3.kms-endpoint}). Requests are signed for {@code actions.s3.kms-region}, or else
 * for the region in the key ARN, with one client per region. Credentials come from the standard
 * provider chain, as for the S3 backend, resolved on first use.
 */
public final class KmsKeys implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KmsKeys.class);

    private final Optional<URI> endpoint;
    private final Optional<String> region;
    private final DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
    private final Map<String, KmsClient> clients = new ConcurrentHashMap<>();

    private KmsKeys(Optional<URI> endpoint, Optional<String> region) {
        this.endpoint = endpoint;
        this.region = region;
    }

    /** KMS as configured, or empty when {@code KmsKeyArn} cannot be honoured ({@link S3Settings#kmsAvailable()}). */
    public static Optional<KmsKeys> create(S3Settings settings) {
        return settings.kmsAvailable() ? Optional.of(new KmsKeys(settings.kmsEndpoint(), settings.kmsRegion())) : Optional.empty();
    }

    /**
     * Whether the key can encrypt mail: it exists, is enabled, and is a symmetric encryption key
     * (SES uses no other kind). Any failure to find out means no. Never throws.
     */
    public boolean isUsable(String keyArn) {
        try {
            KeyMetadata key = client(keyArn).describeKey(b -> b.keyId(keyArn)).keyMetadata();
            // KMS always reports usage and spec; some KMS-compatible servers (moto) omit them.
            boolean usable = key.keyState() == KeyState.ENABLED
                    && (key.keyUsage() == null || key.keyUsage() == KeyUsageType.ENCRYPT_DECRYPT)
                    && (key.keySpec() == null || key.keySpec() == KeySpec.SYMMETRIC_DEFAULT);
            if (!usable) {
                LOG.info("KMS key {} is not usable: state {}, usage {}, spec {}", keyArn, key.keyStateAsString(),
                        key.keyUsageAsString(), key.keySpecAsString());
            }
            return usable;
        } catch (SdkException e) {
            LOG.info("KMS key {} could not be described: {}", keyArn, e.getMessage());
            return false;
        }
    }

    /** A new AES-256 data key under {@code keyArn}, bound to {@code encryptionContext}. */
    public DataKey generateDataKey(String keyArn, Map<String, String> encryptionContext) throws IOException {
        GenerateDataKeyResponse response;
        try {
            response = client(keyArn).generateDataKey(b -> b.keyId(keyArn).keySpec(DataKeySpec.AES_256)
                    .encryptionContext(encryptionContext));
        } catch (SdkException e) {
            // Temporary or not (a disabled key may be enabled again), the engine's retries decide.
            throw new IOException("KMS GenerateDataKey with " + keyArn + " failed: " + e.getMessage(), e);
        }
        byte[] plaintext = response.plaintext().asByteArray();
        try {
            return new DataKey(new SecretKeySpec(plaintext, "AES"), response.ciphertextBlob().asByteArray());
        } finally {
            Arrays.fill(plaintext, (byte) 0); // SecretKeySpec keeps its own copy
        }
    }

    @Override
    public void close() {
        clients.values().forEach(KmsClient::close);
        clients.clear();
        credentials.close(); // clients do not close a provider they were given
    }

    private KmsClient client(String keyArn) {
        return clients.computeIfAbsent(region.orElseGet(() -> regionOf(keyArn)), this::newClient);
    }

    private KmsClient newClient(String regionName) {
        KmsClientBuilder builder = KmsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(regionName))
                .credentialsProvider(credentials);
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** {@code arn:PARTITION:kms:REGION:ACCOUNT:...}; callers pass only ARNs {@code Arns.isKmsKey} accepted. */
    static String regionOf(String keyArn) {
        String[] parts = keyArn.split(":", 6);
        if (parts.length < 6 || parts[3].isEmpty()) {
            throw new IllegalArgumentException("not a KMS key ARN: " + keyArn);
        }
        return parts[3];
    }
}
