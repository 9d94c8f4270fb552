package io.inlet.actions.s3;

import io.inlet.rules.spi.MessageContent;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * S3 through the AWS SDK: AWS itself or any S3-compatible endpoint. Credentials come from the
 * standard provider chain (system properties, environment, profile, container, instance role),
 * resolved on first use, so a daemon without credentials starts and its S3 actions fail and retry.
 */
public final class AwsObjectStore implements ObjectStore {

    // S3 has no better type for a raw message; SES's own objects carry no meaningful one either.
    private static final String CONTENT_TYPE = "application/octet-stream";

    private final S3Client client;
    private final DefaultCredentialsProvider credentials;

    private AwsObjectStore(S3Client client, DefaultCredentialsProvider credentials) {
        this.client = client;
        this.credentials = credentials;
    }

    public static AwsObjectStore create(S3Settings settings) {
        DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                .credentialsProvider(credentials);
        settings.endpoint().ifPresent(builder::endpointOverride);
        return new AwsObjectStore(builder.build(), credentials);
    }

    /**
     * Content-Length is set, so the HTTP client streams the body instead of buffering it. The SDK
     * sends each metadata name with the {@code x-amz-meta-} prefix.
     */
    @Override
    public void put(String bucket, String key, MessageContent content, Map<String, String> metadata) throws IOException {
        PutObjectRequest request = PutObjectRequest.builder().bucket(bucket).key(key).metadata(metadata).build();
        try (ReopenableContent body = new ReopenableContent(content)) {
            client.putObject(request, RequestBody.fromContentProvider(body, content.size(), CONTENT_TYPE));
        } catch (S3Exception e) {
            if (e.awsErrorDetails() != null && "NoSuchBucket".equals(e.awsErrorDetails().errorCode())) {
                throw new NoSuchBucketException(bucket, e);
            }
            throw new IOException("PutObject s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (SdkException e) {
            throw new IOException("PutObject s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        client.close();
        credentials.close(); // the client does not close a provider it was given
    }
}
