package io.inlet.actions;

import io.inlet.actions.s3.NoSuchBucketException;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.spi.ActionOutcome;
import io.inlet.rules.spi.ActionValidationException;
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
    void aTopicIsAcceptedAndTheMessageStored() throws Exception {
        start("mail");
        plugin.execute(s3("BucketName", "mail", "TopicArn", "arn:aws:sns:us-east-1:123456789012:mail"), message());

        assertThat(data.resolve("s3/mail/" + ID)).exists();
    }

    @Test
    void aKmsKeyFailsTheActionInsteadOfStoringInTheClear() throws Exception {
        start("mail");

        assertThatThrownBy(() -> plugin.execute(s3("BucketName", "mail", "KmsKeyArn", KMS), message()))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("KMS encryption comes with issue 4");
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
                Map.entry("actions.s3.buckets", ""));
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
