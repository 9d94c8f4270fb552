package io.inlet.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.actions.s3.NoSuchBucketException;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.spi.ActionOutcome;
import io.inlet.rules.spi.ActionValidationException;
import io.inlet.rules.spi.PermanentFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** S3Action on the embedded store: {@code <data-dir>/s3/<bucket>/<key>}. */
class S3ActionEmbeddedTest {

    private static final String ID = "0123456789abcdefghijklmnopqrstuv01234567";
    private static final String RAW = "From: alice@sender.example\r\nTo: bob@example.com\r\nSubject: Hi\r\n\r\nHello\r\n";
    private static final String KMS = "arn:aws:kms:us-east-1:123456789012:alias/aws/ses";
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:mail";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    @TempDir
    Path spool;

    private final S3Action plugin = new S3Action();

    @AfterEach
    void close() {
        plugin.close();
    }

    // --- execute ---------------------------------------------------------------------------------

    @Test
    void storesTheMessageWithItsAddedHeadersUnderPrefixPlusMessageId() throws Exception {
        start("mail");
        TestActionContext context = message();
        new AddHeaderAction().execute(new ActionSpec("AddHeaderAction", Map.of("HeaderName", "X-Rule", "HeaderValue", "r1")), context);

        ActionOutcome outcome = plugin.execute(s3("BucketName", "mail", "ObjectKeyPrefix", "in/"), context);

        assertThat(outcome).isEqualTo(ActionOutcome.CONTINUE);
        assertThat(data.resolve("s3/mail/in/" + ID)).hasBinaryContent(("X-Rule: r1\r\n" + RAW).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keyIsPlainConcatenationOfPrefixAndMessageId() throws Exception {
        start("mail");
        plugin.execute(s3("BucketName", "mail", "ObjectKeyPrefix", "in"), message());
        plugin.execute(s3("BucketName", "mail"), message());

        assertThat(data.resolve("s3/mail/in" + ID)).hasBinaryContent(RAW.getBytes(StandardCharsets.UTF_8));
        assertThat(data.resolve("s3/mail/" + ID)).hasBinaryContent(RAW.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void slashesInTheKeyAreSubdirectories() throws Exception {
        start("mail");
        plugin.execute(s3("BucketName", "mail", "ObjectKeyPrefix", "a/b/c/"), message());

        assertThat(data.resolve("s3/mail/a/b/c/" + ID)).hasBinaryContent(RAW.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aRetryReplacesTheObjectAndLeavesNoTemporaryFile() throws Exception {
        start("mail");
        plugin.execute(s3("BucketName", "mail", "ObjectKeyPrefix", "in/"), message());
        plugin.execute(s3("BucketName", "mail", "ObjectKeyPrefix", "in/"), message());

        try (Stream<Path> files = Files.list(data.resolve("s3/mail/in"))) {
            assertThat(files).containsExactly(data.resolve("s3/mail/in/" + ID));
        }
        assertThat(data.resolve("s3/mail/in/" + ID)).hasBinaryContent(RAW.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../", "../../etc/", "in/../../", "./", "in//", "/", "in/./"})
    void keysThatWouldLeaveOrAliasInTheBucketAreRefused(String prefix) throws Exception {
        start("mail");

        assertThatThrownBy(() -> plugin.execute(s3("BucketName", "mail", "ObjectKeyPrefix", prefix), message()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be stored in the embedded S3 store");
        try (Stream<Path> all = Files.walk(data)) {
            assertThat(all.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void aMissingBucketFailsTheAction() throws Exception {
        start("mail");

        assertThatThrownBy(() -> plugin.execute(s3("BucketName", "other"), message()))
                .isInstanceOf(NoSuchBucketException.class)
                .hasMessage("No such bucket: other");
        assertThat(data.resolve("s3/other")).doesNotExist();
    }

    @Test
    void aTopicIsNotifiedAfterTheObjectIsWritten() throws Exception {
        RecordingTopicPublisher topics = new RecordingTopicPublisher(Set.of(TOPIC));
        startWithTopics("mail", topics);

        plugin.execute(s3("BucketName", "mail", "ObjectKeyPrefix", "in/", "TopicArn", TOPIC), message());

        assertThat(data.resolve("s3/mail/in/" + ID)).exists();
        assertThat(topics.published).singleElement().satisfies(p -> {
            assertThat(p.topicArn()).isEqualTo(TOPIC);
            assertThat(p.subject()).isEqualTo("Amazon SES Email Receipt Notification");
            JsonNode notification = JSON.readTree(p.message());
            assertThat(JSON.writeValueAsString(notification.at("/receipt/action")))
                    .isEqualTo("{\"type\":\"S3\",\"topicArn\":\"" + TOPIC + "\",\"bucketName\":\"mail\",\"objectKey\":\"in/" + ID + "\"}");
            assertThat(notification.at("/mail/messageId").asText()).isEqualTo(ID);
            assertThat(notification.has("content")).isFalse();
        });
    }

    @Test
    void noTopicNoNotification() throws Exception {
        RecordingTopicPublisher topics = new RecordingTopicPublisher(Set.of(TOPIC));
        startWithTopics("mail", topics);

        plugin.execute(s3("BucketName", "mail"), message());

        assertThat(data.resolve("s3/mail/" + ID)).exists();
        assertThat(topics.published).isEmpty();
    }

    @Test
    void aFailedWriteSendsNoNotification() throws Exception {
        RecordingTopicPublisher topics = new RecordingTopicPublisher(Set.of(TOPIC));
        startWithTopics("mail", topics);

        assertThatThrownBy(() -> plugin.execute(s3("BucketName", "other", "TopicArn", TOPIC), message()))
                .isInstanceOf(NoSuchBucketException.class);
        assertThat(topics.published).isEmpty();
    }

    @Test
    void aTopicWithoutAPublisherFailsTheActionBeforeWriting() throws Exception {
        start("mail");

        assertThatThrownBy(() -> plugin.execute(s3("BucketName", "mail", "TopicArn", TOPIC), message()))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("no topic publisher");
        assertThat(data.resolve("s3/mail/" + ID)).doesNotExist();
    }

    @Test
    void aKmsKeyWithoutKmsFailsTheActionInsteadOfStoringInTheClear() throws Exception {
        start("mail");

        assertThatThrownBy(() -> plugin.execute(s3("BucketName", "mail", "KmsKeyArn", KMS), message()))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessage("S3Action with KmsKeyArn " + KMS + ": no KMS is configured (actions.s3.kms-endpoint, or backend aws);"
                        + " the message is not stored unencrypted");
        assertThat(data.resolve("s3/mail/" + ID)).doesNotExist();
    }

    // --- start -----------------------------------------------------------------------------------

    @Test
    void listedBucketsAreCreatedAtStart() throws Exception {
        start(" mail , archive.example.com,,");

        assertThat(data.resolve("s3/mail")).isDirectory();
        assertThat(data.resolve("s3/archive.example.com")).isDirectory();
    }

    @Test
    void anExistingBucketKeepsItsObjects() throws Exception {
        start("mail");
        plugin.execute(s3("BucketName", "mail"), message());
        plugin.close();

        try (S3Action again = new S3Action()) {
            again.start(new TestEnvironment(data, Map.of("actions.s3.buckets", "mail")));
        }
        assertThat(data.resolve("s3/mail/" + ID)).hasBinaryContent(RAW.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void settingDefaultsDeclareEveryKey() {
        assertThat(plugin.settingDefaults()).containsExactly(
                Map.entry("actions.s3.backend", "embedded"),
                Map.entry("actions.s3.endpoint", ""),
                Map.entry("actions.s3.region", "us-east-1"),
                Map.entry("actions.s3.path-style", "false"),
                Map.entry("actions.s3.buckets", ""),
                Map.entry("actions.s3.kms-endpoint", ""),
                Map.entry("actions.s3.kms-region", ""));
    }

    @Test
    void aBadSettingIsRefusedByName() {
        assertThatThrownBy(() -> plugin.start(new TestEnvironment(data, Map.of("actions.s3.backend", "ftp"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("actions.s3.backend: 'ftp' must be one of embedded, aws");
        assertThatThrownBy(() -> plugin.start(new TestEnvironment(data, Map.of("actions.s3.buckets", "mail,Bad_Name"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("actions.s3.buckets: 'Bad_Name' is not a valid S3 bucket name");
    }

    // --- validate --------------------------------------------------------------------------------

    @Test
    void strictValidationWritesTheSetupObject() throws Exception {
        start("mail");

        plugin.validate(s3("BucketName", "mail", "ObjectKeyPrefix", "in/"), TestContext.STRICT);

        String setup = Files.readString(data.resolve("s3/mail/in/AMAZON_SES_SETUP_NOTIFICATION"));
        assertThat(setup)
                .startsWith("Date: Wed, 01 May 2024 10:00:00 +0000\r\nTo: recipient@example.com\r\n"
                        + "From: Amazon Web Services <no-reply-aws@amazon.com>\r\nSubject: Amazon SES Setup Notification\r\n\r\n")
                .contains("mail");
    }

    @Test
    void strictValidationOfAMissingBucket() throws Exception {
        start("mail");

        assertInvalidS3(s3("BucketName", "missing-bucket"), "No such bucket: missing-bucket");
        assertThat(data.resolve("s3/missing-bucket")).doesNotExist();
    }

    @Test
    void aFileWhereTheBucketShouldBeIsNoBucket() throws Exception {
        start("");
        Files.writeString(data.resolve("s3/plain-file"), "not a bucket");

        assertInvalidS3(s3("BucketName", "plain-file"), "No such bucket: plain-file");
    }

    /** Root-proof: the prefix needs a directory where a file already is. */
    @Test
    void strictValidationOfABucketThatCannotBeWritten() throws Exception {
        start("mail");
        Files.writeString(data.resolve("s3/mail/in"), "an object named in");

        assertInvalidS3(s3("BucketName", "mail", "ObjectKeyPrefix", "in/"), "Could not write to bucket: mail");
    }

    @Test
    void strictValidationOfAReadOnlyBucket() throws Exception {
        start("mail");
        Path bucket = data.resolve("s3/mail");
        Files.setPosixFilePermissions(bucket, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeThat(Files.isWritable(bucket)).as("permissions are enforced (not root)").isFalse();
            assertInvalidS3(s3("BucketName", "mail"), "Could not write to bucket: mail");
        } finally {
            Files.setPosixFilePermissions(bucket, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void strictValidationOfAPrefixTheStoreCannotHold() throws Exception {
        start("mail");

        assertInvalidS3(s3("BucketName", "mail", "ObjectKeyPrefix", "../"), "Could not write to bucket: mail");
    }

    @Test
    void lenientValidationStillWritesTheSetupObjectWhenItCan() throws Exception {
        start("mail");

        plugin.validate(s3("BucketName", "mail", "ObjectKeyPrefix", "in/"), TestContext.LENIENT);

        assertThat(data.resolve("s3/mail/in/AMAZON_SES_SETUP_NOTIFICATION")).exists();
    }

    @Test
    void lenientValidationIgnoresAMissingOrUnwritableBucket() throws Exception {
        start("mail");
        Files.writeString(data.resolve("s3/mail/in"), "an object named in");

        assertThatCode(() -> plugin.validate(s3("BucketName", "missing-bucket"), TestContext.LENIENT)).doesNotThrowAnyException();
        assertThatCode(() -> plugin.validate(s3("BucketName", "mail", "ObjectKeyPrefix", "in/"), TestContext.LENIENT))
                .doesNotThrowAnyException();
        assertThat(data.resolve("s3/missing-bucket")).doesNotExist();
    }

    @Test
    void aKmsKeyIsRefusedInBothModesWithoutWritingAnything() throws Exception {
        start("mail");

        for (TestContext mode : List.of(TestContext.STRICT, TestContext.LENIENT)) {
            assertThatThrownBy(() -> plugin.validate(s3("BucketName", "mail", "KmsKeyArn", KMS), mode))
                    .isInstanceOf(ActionValidationException.class)
                    .hasMessage("Unable to use AWS KMS key: " + KMS)
                    .extracting(e -> ((ActionValidationException) e).errorCode()).isEqualTo("InvalidS3Configuration");
        }
        assertThat(data.resolve("s3/mail/AMAZON_SES_SETUP_NOTIFICATION")).doesNotExist();
    }

    @Test
    void strictValidationNeedsAPublishableTopic() throws Exception {
        startWithTopics("mail", new RecordingTopicPublisher(Set.of(TOPIC)));
        String unknown = "arn:aws:sns:us-east-1:123456789012:unknown";

        assertThatThrownBy(() -> plugin.validate(s3("BucketName", "mail", "TopicArn", unknown), TestContext.STRICT))
                .isInstanceOf(ActionValidationException.class)
                .hasMessage("Could not publish to SNS topic: " + unknown)
                .extracting(e -> ((ActionValidationException) e).errorCode()).isEqualTo("InvalidSnsTopic");
        assertThat(data.resolve("s3/mail/AMAZON_SES_SETUP_NOTIFICATION")).doesNotExist();
        assertThatCode(() -> plugin.validate(s3("BucketName", "mail", "TopicArn", TOPIC), TestContext.STRICT)).doesNotThrowAnyException();
        assertThatCode(() -> plugin.validate(s3("BucketName", "mail", "TopicArn", unknown), TestContext.LENIENT)).doesNotThrowAnyException();
    }

    @Test
    void withoutAPublisherTopicsAreCheckedForSyntaxOnly() throws Exception {
        start("mail");

        assertThatCode(() -> plugin.validate(s3("BucketName", "mail", "TopicArn", TOPIC), TestContext.STRICT)).doesNotThrowAnyException();
        assertThatThrownBy(() -> plugin.validate(s3("BucketName", "mail", "TopicArn", "mail"), TestContext.STRICT))
                .hasMessage("Invalid SNS topic: mail");
    }

    @Test
    void strictValidationNeedsAStartedPlugin() {
        assertThatThrownBy(() -> new S3Action().validate(s3("BucketName", "mail"), TestContext.STRICT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("S3Action used before start()");
    }

    // ---------------------------------------------------------------------------------------------

    private void start(String buckets) throws Exception {
        Map<String, String> settings = new HashMap<>(plugin.settingDefaults());
        settings.put("actions.s3.buckets", buckets);
        plugin.start(new TestEnvironment(data, settings));
    }

    private void startWithTopics(String buckets, RecordingTopicPublisher topics) throws Exception {
        plugin.start(new TestEnvironment(data, Map.of("actions.s3.buckets", buckets)).withTopics(topics));
    }

    private TestActionContext message() throws IOException {
        return TestActionContext.withMessage(spool, ID, RAW);
    }

    private void assertInvalidS3(ActionSpec action, String message) {
        assertThatThrownBy(() -> plugin.validate(action, TestContext.STRICT))
                .isInstanceOf(ActionValidationException.class)
                .hasMessage(message)
                .extracting(e -> ((ActionValidationException) e).errorCode()).isEqualTo("InvalidS3Configuration");
    }

    static ActionSpec s3(String... keyValues) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            parameters.put(keyValues[i], keyValues[i + 1]);
        }
        return new ActionSpec("S3Action", parameters);
    }
}
