package io.inlet.deploy.e2e;

import io.inlet.deploy.it.RunningInlet;
import io.inlet.deploy.testing.SmtpClient;
import io.inlet.engine.process.ActionStatus;
import io.inlet.engine.process.MessageProcessor;
import io.inlet.engine.process.ProcessingStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.InvalidS3ConfigurationException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.inlet.deploy.e2e.ReceivingSetup.rule;
import static io.inlet.deploy.e2e.ReceivingSetup.s3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The AWS SDK S3 backend ({@code actions.s3.backend=aws}) against a real S3 API server
 * ({@code moto_server}, a child process): strict validation, the setup object, the stored object
 * (key and bytes), and an endpoint that goes away and comes back (retries, then success).
 * Skipped (each test, with the reason) when moto_server is not installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3BackendTest {

    static final String BUCKET = "inlet-mail";
    static final String PREFIX = "in/";
    static final String SENDER = "sender@client.test";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final List<String> CREDENTIAL_PROPERTIES = List.of("aws.accessKeyId", "aws.secretAccessKey");

    @TempDir
    static Path dir;
    static MotoServer moto;
    static RunningInlet daemon;
    static S3Client s3;
    static SesClient ses;
    static final Map<String, String> savedProperties = new HashMap<>();

    @BeforeAll
    static void start() throws IOException {
        Optional<Path> executable = MotoServer.find();
        if (executable.isEmpty()) {
            return; // each test is then reported as skipped (an abort here would hide them from the report)
        }
        moto = MotoServer.start(executable.get(), dir);
        // the backend's credentials come from the SDK's default chain; system properties come first
        for (String p : CREDENTIAL_PROPERTIES) {
            savedProperties.put(p, System.getProperty(p));
        }
        System.setProperty("aws.accessKeyId", MotoServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", MotoServer.SECRET_KEY);

        daemon = RunningInlet.start(dir.resolve("data"), Map.of(
                "actions.s3.backend", "aws",
                "actions.s3.endpoint", moto.endpoint().toString(),
                "actions.s3.region", "us-east-1",
                "actions.s3.path-style", "true",
                "processing.initial-backoff", "100ms",
                "processing.max-backoff", "500ms"));
        s3 = moto.client();
        s3.createBucket(b -> b.bucket(BUCKET));
        ReceivingSetup setup = ReceivingSetup.of(daemon)
                .domains("aws.test")
                .ruleSet("aws")
                .rule(rule("to-s3", List.of("aws.test"), s3(BUCKET, PREFIX)))
                .activate()
                .live();
        ses = setup.ses();
    }

    @BeforeEach
    void needsMoto() {
        assumeTrue(moto != null, "moto_server is not installed (pip install 'moto[server]', or set MOTO_SERVER "
                + "to its path): the AWS S3 backend test needs a real S3 API server");
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (moto != null) {
            moto.close();
        }
        savedProperties.forEach((k, v) -> {
            if (v == null) {
                System.clearProperty(k);
            } else {
                System.setProperty(k, v);
            }
        });
    }

    @Test
    @Order(1)
    void strictValidationRefusesAMissingBucket() {
        assertThatThrownBy(() -> ses.createReceiptRule(b -> b.ruleSetName("aws").after("to-s3")
                .rule(rule("broken", List.of("broken@aws.test"), s3("no-such-bucket", "x/")))))
                .isInstanceOfSatisfying(InvalidS3ConfigurationException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidS3Configuration");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("No such bucket: no-such-bucket");
                });
        assertThat(ses.describeReceiptRuleSet(b -> b.ruleSetName("aws")).rules()).hasSize(1);
    }

    @Test
    @Order(2)
    void creatingTheRuleWroteTheSetupObject() {
        ResponseBytes<GetObjectResponse> setup =
                s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(PREFIX + "AMAZON_SES_SETUP_NOTIFICATION"));
        assertThat(setup.asByteArray()).isNotEmpty();
    }

    @Test
    @Order(3)
    void messageIsStoredUnderPrefixPlusMessageId() throws Exception {
        String sent = TestMail.message(SENDER, "someone@aws.test", "to S3");
        String id = send("someone@aws.test", sent);

        String stored = awaitObject(PREFIX + id);
        assertThat(stored).startsWith("Return-Path: <" + SENDER + ">\r\nReceived: from client.test").endsWith(sent);
        awaitProcessed(id);
    }

    @Test
    @Order(4)
    void endpointDownMeansRetriesAndTheObjectArrivesWhenItReturns() throws Exception {
        moto.stop();
        String sent = TestMail.message(SENDER, "later@aws.test", "while S3 is down");
        String id = send("later@aws.test", sent);

        await("S3 action failing and retried").atMost(WAIT).untilAsserted(() -> {
            ProcessingStatus status = MessageProcessor.status(daemon.inlet().spool(), id).orElseThrow();
            assertThat(status.actions()).extracting(ActionStatus::state).containsExactly(ActionStatus.State.FAILING);
            assertThat(status.attempts()).isGreaterThanOrEqualTo(2);
            assertThat(status.lastError()).contains("S3Action");
        });
        assertThat(daemon.inlet().spool().queued()).contains(id);
        assertThat(daemon.inlet().spool().deadLetters()).isEmpty();

        moto.start(); // same port, empty: the bucket must be created again
        s3.createBucket(b -> b.bucket(BUCKET));
        assertThat(awaitObject(PREFIX + id)).endsWith(sent);
        awaitProcessed(id);
    }

    // --- helpers -----------------------------------------------------------------------------

    static String send(String recipient, String message) throws IOException {
        return SmtpClient.sendMail(daemon.smtpPort(), SENDER, recipient, message);
    }

    static String awaitObject(String key) {
        return await("s3://" + BUCKET + "/" + key).atMost(WAIT).ignoreException(NoSuchKeyException.class)
                .until(() -> s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asString(StandardCharsets.ISO_8859_1),
                        s -> true);
    }

    static void awaitProcessed(String id) {
        await("message " + id + " processed").atMost(WAIT)
                .until(() -> !daemon.inlet().spool().queued().contains(id));
    }
}
