package io.inlet.deploy.it;

import io.inlet.deploy.Inlet;
import io.inlet.deploy.settings.SettingsLoader;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ses.SesClient;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real daemon, wired exactly as {@code inlet serve} wires it, on ephemeral ports with a
 * given data directory, plus SES clients pointed at it. Restartable on the same data directory.
 */
public final class RunningInlet implements AutoCloseable {
    public static final String ACCESS_KEY = "AKIAINLETTEST0000001";
    public static final String SECRET_KEY = "inlet-test-secret-key-0000000000000000000";
    public static final String ACCOUNT = "111122223333";

    private final Path dataDir;
    private final Map<String, String> extraSettings;
    private final List<SesClient> clients = new ArrayList<>();
    private Inlet inlet;

    private RunningInlet(Path dataDir, Map<String, String> extraSettings) {
        this.dataDir = dataDir;
        this.extraSettings = extraSettings;
        start();
    }

    /** Starts a daemon on {@code dataDir}; {@code extra} holds further keys, e.g. {@code limits.rule-sets}. */
    public static RunningInlet start(Path dataDir, Map<String, String> extra) {
        return new RunningInlet(dataDir, extra);
    }

    public static RunningInlet start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    private void start() {
        Map<String, String> keys = new HashMap<>();
        keys.put("data-dir", dataDir.toString());
        keys.put("api.port", "0");
        keys.put("smtp.port", "0");
        keys.put("smtp.host", "127.0.0.1");
        keys.put("smtp.hostname", "mx.inlet.test");
        keys.put("dns.resolvers", "127.0.0.1:9"); // tests never reach real DNS: lookups fail fast
        keys.put("dns.timeout", "200ms");
        keys.put("access-key-id", ACCESS_KEY);
        keys.put("secret-access-key", SECRET_KEY);
        keys.put("account-id", ACCOUNT);
        // strict validation needs Rules.FUNCTION to be invokable: map it (validation never calls it)
        keys.put("actions.lambda.functions", Rules.FUNCTION + "=http://127.0.0.1:9/");
        keys.putAll(extraSettings);
        inlet = Inlet.start(Inlet.settings(null, Map.of(), keys));
    }

    /** Stops the daemon and starts it again on the same data directory (new ports). */
    public void restart() {
        closeClients();
        inlet.close();
        start();
    }

    public Inlet inlet() {
        return inlet;
    }

    public int smtpPort() {
        return inlet.smtpPort();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + inlet.apiPort());
    }

    /** An SDK client for us-east-1. */
    public SesClient ses() {
        return ses("us-east-1");
    }

    public SesClient ses(String region) {
        SesClient client = SesClient.builder()
                .endpointOverride(endpoint())
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        clients.add(client);
        return client;
    }

    private void closeClients() {
        clients.forEach(SesClient::close);
        clients.clear();
    }

    @Override
    public void close() {
        closeClients();
        inlet.close();
    }
}
