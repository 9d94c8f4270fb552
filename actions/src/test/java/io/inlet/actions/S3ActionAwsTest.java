package io.inlet.actions;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import io.inlet.actions.s3.NoSuchBucketException;
import io.inlet.rules.spi.ActionOutcome;
import io.inlet.rules.spi.ActionValidationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Map;

import static io.inlet.actions.S3ActionEmbeddedTest.s3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** S3Action on the AWS SDK backend, against S3Mock: the real S3 REST protocol over loopback HTTP. */
class S3ActionAwsTest {

    @RegisterExtension
    static final S3MockExtension S3_MOCK = S3MockExtension.builder().silent().withSecureConnection(false).build();

    private static final String ID = "m8udbiboi34u53ubdet5bhftamqdgt0mmr8k4v01";
    private static final String RAW = "From: alice@sender.example\r\nTo: bob@example.com\r\nSubject: Hi\r\n\r\nHello\r\n";
    private static final String BUCKET = "mail-bucket";

    private static S3Client reader;
    private static AwsCredentialProperties credentials;

    @TempDir
    Path spool;

    private final S3Action plugin = new S3Action();

    /** The backend reads credentials through the default chain; system properties come first in it. */
    @BeforeAll
    static void credentialsAndBucket() {
        credentials = AwsCredentialProperties.set("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        reader = S3Client.builder()
                .endpointOverride(URI.create(S3_MOCK.getServiceEndpoint()))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        reader.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void closeReader() {
        reader.close();
        credentials.close();
    }

    @AfterEach
    void close() {
        plugin.close();
    }

    @Test
    void putsTheMessageWithItsAddedHeadersUnderPrefixPlusMessageId() throws Exception {
        start(S3_MOCK.getServiceEndpoint());
        TestActionContext context = TestActionContext.withMessage(spool, ID, RAW);
        context.prependHeader("X-Rule", "r1");

        ActionOutcome outcome = plugin.execute(s3("BucketName", BUCKET, "ObjectKeyPrefix", "in/"), context);

        assertThat(outcome).isEqualTo(ActionOutcome.CONTINUE);
        assertThat(reader.getObjectAsBytes(b -> b.bucket(BUCKET).key("in/" + ID)).asByteArray())
                .isEqualTo(("X-Rule: r1\r\n" + RAW).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void strictValidationWritesTheSetupObject() throws Exception {
        start(S3_MOCK.getServiceEndpoint());

        plugin.validate(s3("BucketName", BUCKET, "ObjectKeyPrefix", "setup/"), TestContext.STRICT);

        assertThat(reader.getObjectAsBytes(b -> b.bucket(BUCKET).key("setup/AMAZON_SES_SETUP_NOTIFICATION")).asUtf8String())
                .contains("Subject: Amazon SES Setup Notification\r\n");
    }

    @Test
    void strictValidationOfAMissingBucket() throws Exception {
        start(S3_MOCK.getServiceEndpoint());

        assertThatThrownBy(() -> plugin.validate(s3("BucketName", "missing-bucket"), TestContext.STRICT))
                .isInstanceOf(ActionValidationException.class)
                .hasMessage("No such bucket: missing-bucket")
                .extracting(e -> ((ActionValidationException) e).errorCode()).isEqualTo("InvalidS3Configuration");
    }

    @Test
    void aMissingBucketFailsTheAction() throws Exception {
        start(S3_MOCK.getServiceEndpoint());

        assertThatThrownBy(() -> plugin.execute(s3("BucketName", "missing-bucket"), TestActionContext.withMessage(spool, ID, RAW)))
                .isInstanceOf(NoSuchBucketException.class);
    }

    @Test
    void aTwentyMegabyteMessageIsStreamed() throws Exception {
        start(S3_MOCK.getServiceEndpoint());
        long size = 20L * 1024 * 1024;
        Path file = spool.resolve("big.eml");
        byte[] digest = GeneratedMessage.write(file, size);

        plugin.execute(s3("BucketName", BUCKET, "ObjectKeyPrefix", "big/"), new TestActionContext(ID, file));

        MessageDigest read = GeneratedMessage.sha256();
        try (ResponseInputStream<GetObjectResponse> in = reader.getObject(b -> b.bucket(BUCKET).key("big/" + ID));
             OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), read)) {
            assertThat(in.response().contentLength()).isEqualTo(size);
            in.transferTo(sink);
        }
        assertThat(read.digest()).isEqualTo(digest);
    }

    @Test
    void anUnreachableEndpointFailsTheActionSoTheEngineRetries() throws Exception {
        start(unreachableEndpoint());

        assertThatThrownBy(() -> plugin.execute(s3("BucketName", BUCKET), TestActionContext.withMessage(spool, ID, RAW)))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("PutObject s3://" + BUCKET + "/" + ID + " failed");
    }

    @Test
    void anUnreachableEndpointFailsStrictValidationOnly() throws Exception {
        start(unreachableEndpoint());

        assertThatThrownBy(() -> plugin.validate(s3("BucketName", BUCKET), TestContext.STRICT))
                .isInstanceOf(ActionValidationException.class)
                .hasMessage("Could not write to bucket: " + BUCKET);
        assertThatCode(() -> plugin.validate(s3("BucketName", BUCKET), TestContext.LENIENT)).doesNotThrowAnyException();
    }

    private void start(String endpoint) throws Exception {
        plugin.start(new TestEnvironment(spool, Map.of(
                "actions.s3.backend", "aws",
                "actions.s3.endpoint", endpoint,
                "actions.s3.path-style", "true")));
    }

    /** A loopback port nobody listens on: connections are refused at once. */
    private static String unreachableEndpoint() throws IOException {
        return "http://127.0.0.1:" + LoopbackPorts.unused();
    }
}
