package io.inlet.actions;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.rules.spi.ActionValidationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.encryption.s3.S3EncryptionClient;
import software.amazon.encryption.s3.materials.KmsKeyring;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.inlet.actions.S3ActionEmbeddedTest.s3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * S3Action with {@code KmsKeyArn}, against moto's S3 and KMS: the objects are in SES's
 * client-side-encryption format, which the AWS S3 Encryption Client and a by-hand KMS + AES-GCM
 * decryption both open, on the aws backend and (with a sidecar metadata file) the embedded one.
 */
class S3ActionKmsTest {

    private static final String ID = "m8udbiboi34u53ubdet5bhftamqdgt0mmr8k4v01";
    private static final String RAW = "From: alice@sender.example\r\nTo: bob@example.com\r\nSubject: Secret\r\n\r\nHello\r\n";
    private static final String BUCKET = "kms-mail";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path motoLogs;

    private static MotoServer moto;
    private static AwsCredentialProperties credentials;
    private static S3Client s3;
    private static KmsClient kms;
    private static String keyArn;
    private static String aliasArn;
    private static String disabledKeyArn;

    @TempDir
    Path data;

    @TempDir
    Path spool;

    private final S3Action plugin = new S3Action();

    /** The plugin's KMS and S3 clients read credentials through the default chain; system properties come first. */
    @BeforeAll
    static void motoWithBucketAndKeys() throws Exception {
        credentials = AwsCredentialProperties.set(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY);
        moto = MotoServer.start(motoLogs);
        s3 = moto.s3();
        kms = moto.kms();
        s3.createBucket(b -> b.bucket(BUCKET));
        keyArn = kms.createKey(b -> b.description("inlet mail")).keyMetadata().arn();
        kms.createAlias(b -> b.aliasName("alias/inlet-mail").targetKeyId(keyArn));
        aliasArn = keyArn.substring(0, keyArn.indexOf(":key/")) + ":alias/inlet-mail";
        var disabled = kms.createKey(b -> b.description("disabled")).keyMetadata();
        disabledKeyArn = disabled.arn();
        kms.disableKey(b -> b.keyId(disabled.keyId())); // moto's DisableKey takes the id, not the ARN
    }

    @AfterAll
    static void stopMoto() throws Exception {
        s3.close();
        kms.close();
        moto.close();
        credentials.close();
    }

    @AfterEach
    void close() {
        plugin.close();
    }

    // --- aws backend -----------------------------------------------------------------------------

    @Test
    void theS3EncryptionClientDecryptsTheStoredMessage() throws Exception {
        startAws();
        TestActionContext context = message();
        context.prependHeader("X-Rule", "r1");

        plugin.execute(s3("BucketName", BUCKET, "ObjectKeyPrefix", "enc/", "KmsKeyArn", keyArn), context);

        byte[] expected = ("X-Rule: r1\r\n" + RAW).getBytes(StandardCharsets.UTF_8);
        ResponseBytes<GetObjectResponse> raw = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("enc/" + ID));
        assertThat(raw.response().contentLength()).isEqualTo(expected.length + 16L);
        assertThat(new String(raw.asByteArray(), StandardCharsets.ISO_8859_1)).doesNotContain("Hello");
        try (S3Client decrypting = S3EncryptionClient.builder()
                .wrappedClient(s3)
                .region(Region.US_EAST_1)
                .credentialsProvider(MotoServer.credentials())
                .endpointOverride(moto.endpoint())
                .keyring(KmsKeyring.builder().kmsClient(kms).wrappingKeyId(keyArn).enableLegacyWrappingAlgorithms(true).build())
                .build()) {
            assertThat(decrypting.getObjectAsBytes(b -> b.bucket(BUCKET).key("enc/" + ID)).asByteArray()).isEqualTo(expected);
        }
    }

    @Test
    void theMetadataIsSesFormatAndDecryptsByHand() throws Exception {
        startAws();

        plugin.execute(s3("BucketName", BUCKET, "KmsKeyArn", keyArn), message());

        ResponseBytes<GetObjectResponse> raw = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(ID));
        Map<String, String> metadata = raw.response().metadata();
        assertSesMetadata(metadata, RAW.length(), ID, keyArn);
        assertThat(decryptByHand(raw.asByteArray(), metadata)).isEqualTo(RAW.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anAliasArnIsRecordedAsGivenAndWorks() throws Exception {
        startAws();

        plugin.execute(s3("BucketName", BUCKET, "ObjectKeyPrefix", "alias/", "KmsKeyArn", aliasArn), message());

        ResponseBytes<GetObjectResponse> raw = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("alias/" + ID));
        assertThat(JSON.readTree(raw.response().metadata().get("x-amz-matdesc")).get("kms_cmk_id").asText()).isEqualTo(aliasArn);
        assertThat(decryptByHand(raw.asByteArray(), raw.response().metadata())).isEqualTo(RAW.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eachMessageGetsItsOwnDataKeyAndIv() throws Exception {
        startAws();

        plugin.execute(s3("BucketName", BUCKET, "ObjectKeyPrefix", "one/", "KmsKeyArn", keyArn), message());
        plugin.execute(s3("BucketName", BUCKET, "ObjectKeyPrefix", "two/", "KmsKeyArn", keyArn), message());

        Map<String, String> one = s3.headObject(b -> b.bucket(BUCKET).key("one/" + ID)).metadata();
        Map<String, String> two = s3.headObject(b -> b.bucket(BUCKET).key("two/" + ID)).metadata();
        assertThat(one.get("x-amz-key-v2")).isNotEqualTo(two.get("x-amz-key-v2"));
        assertThat(one.get("x-amz-iv")).isNotEqualTo(two.get("x-amz-iv"));
    }

    // --- embedded backend with moto KMS ----------------------------------------------------------

    @Test
    void theEmbeddedStoreKeepsTheMetadataInASidecarThatDecrypts() throws Exception {
        startEmbedded();
        Path file = spool.resolve("big.eml");
        byte[] digest = GeneratedMessage.write(file, 3L * 1024 * 1024 + 7);

        plugin.execute(s3("BucketName", "mail", "ObjectKeyPrefix", "in/", "KmsKeyArn", keyArn), new TestActionContext(ID, file));

        Map<String, String> metadata = JSON.readValue(data.resolve("s3/.metadata/mail/in/" + ID).toFile(), new TypeReference<>() {
        });
        assertSesMetadata(metadata, Files.size(file), ID, keyArn);
        byte[] stored = Files.readAllBytes(data.resolve("s3/mail/in/" + ID));
        assertThat(stored).hasSize((int) Files.size(file) + 16);
        assertThat(MessageDigest.getInstance("SHA-256").digest(decryptByHand(stored, metadata))).isEqualTo(digest);
    }

    @Test
    void aPlainObjectStoredLaterUnderTheSameKeyLeavesNoStaleMetadata() throws Exception {
        startEmbedded();
        plugin.execute(s3("BucketName", "mail", "KmsKeyArn", keyArn), message());
        assertThat(data.resolve("s3/.metadata/mail/" + ID)).exists();

        plugin.execute(s3("BucketName", "mail"), message());

        assertThat(data.resolve("s3/.metadata/mail/" + ID)).doesNotExist();
        assertThat(data.resolve("s3/mail/" + ID)).hasBinaryContent(RAW.getBytes(StandardCharsets.UTF_8));
    }

    // --- validation ------------------------------------------------------------------------------

    @Test
    void strictValidationAcceptsAnEnabledKeyAndEncryptsTheSetupObject() throws Exception {
        startAws();

        plugin.validate(s3("BucketName", BUCKET, "ObjectKeyPrefix", "setup/", "KmsKeyArn", keyArn), TestContext.STRICT);
        plugin.validate(s3("BucketName", BUCKET, "ObjectKeyPrefix", "setup-alias/", "KmsKeyArn", aliasArn), TestContext.STRICT);

        ResponseBytes<GetObjectResponse> raw = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("setup/AMAZON_SES_SETUP_NOTIFICATION"));
        Map<String, String> metadata = raw.response().metadata();
        assertThat(JSON.readValue(metadata.get("x-amz-matdesc"), new TypeReference<Map<String, String>>() {
        })).containsEntry("aws:ses:message-id", "AMAZON_SES_SETUP_NOTIFICATION").containsEntry("aws:ses:rule-name", "rule");
        assertThat(new String(decryptByHand(raw.asByteArray(), metadata), StandardCharsets.US_ASCII))
                .contains("Subject: Amazon SES Setup Notification\r\n");
    }

    @Test
    void strictValidationRefusesAnUnknownKey() throws Exception {
        startAws();
        String unknown = unknownKey();

        assertUnusable(BUCKET, unknown, TestContext.STRICT);
        assertThatCode(() -> plugin.validate(s3("BucketName", BUCKET, "KmsKeyArn", unknown), TestContext.LENIENT))
                .doesNotThrowAnyException();
    }

    @Test
    void strictValidationRefusesADisabledKey() throws Exception {
        startEmbedded();

        assertUnusable("mail", disabledKeyArn, TestContext.STRICT);
        assertThat(data.resolve("s3/mail/AMAZON_SES_SETUP_NOTIFICATION")).doesNotExist();
    }

    @Test
    void aMalformedKeyArnIsRefusedInBothModes() throws Exception {
        startAws();

        for (String bad : List.of("non-existent-key", keyArn.replace(":key/", ":keys/"), "")) {
            assertUnusable(BUCKET, bad, TestContext.STRICT);
            assertUnusable(BUCKET, bad, TestContext.LENIENT);
        }
    }

    @Test
    void aKmsFailureFailsTheActionSoTheEngineRetries() throws Exception {
        startAws();
        String deleted = unknownKey(); // e.g. deleted after the rule was created

        assertThatThrownBy(() -> plugin.execute(s3("BucketName", BUCKET, "ObjectKeyPrefix", "off/", "KmsKeyArn", deleted), message()))
                .isInstanceOf(java.io.IOException.class)
                .hasMessageStartingWith("KMS GenerateDataKey with " + deleted + " failed");
        assertThat(s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("off/")).contents()).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------

    private void startAws() throws Exception {
        plugin.start(new TestEnvironment(data, Map.of(
                "actions.s3.backend", "aws",
                "actions.s3.endpoint", moto.endpoint().toString(),
                "actions.s3.path-style", "true",
                "actions.s3.kms-endpoint", moto.endpoint().toString())));
    }

    private void startEmbedded() throws Exception {
        plugin.start(new TestEnvironment(data, Map.of(
                "actions.s3.buckets", "mail",
                "actions.s3.kms-endpoint", moto.endpoint().toString())));
    }

    /** A well-formed ARN of a key that does not exist. */
    private static String unknownKey() {
        return keyArn.substring(0, keyArn.indexOf(":key/")) + ":key/" + UUID.randomUUID();
    }

    private TestActionContext message() throws Exception {
        return TestActionContext.withMessage(spool, ID, RAW);
    }

    private void assertUnusable(String bucket, String key, TestContext mode) {
        assertThatThrownBy(() -> plugin.validate(s3("BucketName", bucket, "KmsKeyArn", key), mode))
                .isInstanceOf(ActionValidationException.class)
                .hasMessage("Unable to use AWS KMS key: " + key)
                .extracting(e -> ((ActionValidationException) e).errorCode()).isEqualTo("InvalidS3Configuration");
    }

    private static void assertSesMetadata(Map<String, String> metadata, long plaintextLength, String messageId, String key)
            throws Exception {
        assertThat(metadata).containsEntry("x-amz-cek-alg", "AES/GCM/NoPadding")
                .containsEntry("x-amz-wrap-alg", "kms")
                .containsEntry("x-amz-tag-len", "128")
                .containsEntry("x-amz-unencrypted-content-length", String.valueOf(plaintextLength))
                .containsKeys("x-amz-key-v2", "x-amz-iv", "x-amz-matdesc");
        assertThat(Base64.getDecoder().decode(metadata.get("x-amz-iv"))).hasSize(12);
        Map<String, String> matdesc = JSON.readValue(metadata.get("x-amz-matdesc"), new TypeReference<LinkedHashMap<String, String>>() {
        });
        assertThat(matdesc).containsExactly(
                Map.entry("aws:ses:message-id", messageId),
                Map.entry("aws:ses:rule-name", "rule"),
                Map.entry("aws:ses:source-account", "123456789012"),
                Map.entry("kms_cmk_id", key));
    }

    /** What an operator without the S3 Encryption Client does: KMS Decrypt of the data key with x-amz-matdesc as context, then AES-GCM. */
    private static byte[] decryptByHand(byte[] ciphertext, Map<String, String> metadata) throws Exception {
        Map<String, String> context = JSON.readValue(metadata.get("x-amz-matdesc"), new TypeReference<HashMap<String, String>>() {
        });
        byte[] dataKey = kms.decrypt(b -> b.ciphertextBlob(SdkBytes.fromByteArray(Base64.getDecoder().decode(metadata.get("x-amz-key-v2"))))
                .encryptionContext(context)).plaintext().asByteArray();
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"),
                new GCMParameterSpec(Integer.parseInt(metadata.get("x-amz-tag-len")), Base64.getDecoder().decode(metadata.get("x-amz-iv"))));
        return cipher.doFinal(ciphertext);
    }
}
