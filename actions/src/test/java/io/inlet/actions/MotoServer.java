package io.inlet.actions;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Real S3, KMS, SNS and SQS APIs for the actions tests: moto's {@code moto_server}, a child
 * process on a free loopback port (the approach of deploy's e2e tests). State lives in its memory
 * and ends with the process; a test class starts one in {@code @BeforeAll} and closes it in
 * {@code @AfterAll}. Any credentials work; these are fake.
 */
public final class MotoServer implements AutoCloseable {

    public static final String ACCESS_KEY = "moto-test-key";
    public static final String SECRET_KEY = "moto-test-secret";
    private static final String EXECUTABLE = "moto_server";

    private final Process process;
    private final int port;
    private final Path log;

    private MotoServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** {@code moto_server} from {@code $MOTO_SERVER} or the PATH; empty when it is not installed. */
    public static Optional<Path> find() {
        String explicit = System.getenv("MOTO_SERVER");
        if (explicit != null && !explicit.isBlank() && Files.isExecutable(Path.of(explicit))) {
            return Optional.of(Path.of(explicit));
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String entry : path.split(File.pathSeparator)) {
            Path candidate = entry.isEmpty() ? null : Path.of(entry, EXECUTABLE);
            if (candidate != null && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Starts the installed moto (see {@link #find()}); for tests that cannot do without it, so a missing one fails them. */
    public static MotoServer start(Path logDir) throws IOException {
        Path executable = find().orElseThrow(() -> new IllegalStateException(
                "moto_server is not installed (pip install 'moto[server]', or set MOTO_SERVER)"));
        return start(executable, logDir);
    }

    /** Starts moto on a free loopback port and waits until it answers; its output goes to {@code logDir}. */
    public static MotoServer start(Path executable, Path logDir) throws IOException {
        int port = LoopbackPorts.unused();
        Path log = logDir.resolve("moto.log");
        Process process = new ProcessBuilder(List.of(executable.toString(), "-H", "127.0.0.1", "-p", String.valueOf(port)))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        MotoServer moto = new MotoServer(process, port, log);
        await("moto_server answering on port " + port).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(moto::answers);
        return moto;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
    }

    /** Path-style addressing: bucket names as host names would not resolve to loopback. */
    public S3Client s3() {
        return client(S3Client.builder().forcePathStyle(true));
    }

    public KmsClient kms() {
        return client(KmsClient.builder());
    }

    public SnsClient sns() {
        return client(SnsClient.builder());
    }

    public SqsClient sqs() {
        return client(SqsClient.builder());
    }

    private <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private boolean answers() throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException("moto_server exited with " + process.exitValue() + "; output: " + Files.readString(log));
        }
        try {
            HttpURLConnection c = (HttpURLConnection) endpoint().resolve("/").toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(5000);
            int code = c.getResponseCode();
            c.disconnect();
            return code > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the process and what it started. */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
