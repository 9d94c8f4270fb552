package io.inlet.deploy;

import io.inlet.actions.sns.ClosableTopicPublisher;
import io.inlet.actions.sns.SnsSettings;
import io.inlet.actions.sns.TopicPublishers;
import io.inlet.config.api.ApiCredentials;
import io.inlet.config.api.ApiOperation;
import io.inlet.config.api.ApiServerSettings;
import io.inlet.config.api.CredentialsRegistry;
import io.inlet.config.api.QueryApiServer;
import io.inlet.config.identity.DnsDomainVerificationChecker;
import io.inlet.config.identity.DomainVerificationChecker;
import io.inlet.config.identity.DomainVerificationPoller;
import io.inlet.config.identity.IdentityOperations;
import io.inlet.config.identity.IdentitySettings;
import io.inlet.config.identity.StoreVerifiedIdentities;
import io.inlet.config.sending.SendingOperations;
import io.inlet.config.sending.SendingNotifications;
import io.inlet.config.sending.SendingSettings;
import io.inlet.config.identity.VerificationMode;
import io.inlet.config.receipt.ReceiptLimits;
import io.inlet.config.receipt.ReceiptOperations;
import io.inlet.config.snapshot.ReceiptConfigurationPublisher;
import io.inlet.config.store.Store;
import io.inlet.config.store.postgres.PostgresSettings;
import io.inlet.config.store.postgres.PostgresStore;
import io.inlet.config.store.sqlite.SqliteStore;
import io.inlet.deploy.settings.SettingKeys;
import io.inlet.deploy.settings.Settings;
import io.inlet.deploy.settings.SettingRelations;
import io.inlet.deploy.settings.SettingsLoader;
import io.inlet.engine.inspect.MessageInspector;
import io.inlet.engine.outbound.OutboundQueue;
import io.inlet.engine.snapshot.SnapshotHolder;
import io.inlet.rules.spi.ActionPlugin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The running daemon: the one place where the modules are wired together, exactly as {@code serve}
 * runs them (integration tests start it the same way). {@link #close()} stops everything in the
 * reverse order of start.
 */
public final class Inlet implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Inlet.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private ApiCredentials credentials;
    private String defaultRegion;
    private SnapshotHolder snapshots;
    private Set<String> receivingRegions;
    private DataPlane dataPlane;
    private Store store;
    private OutboundQueue outbound;
    private PrometheusMeterRegistry metrics;
    private int apiPort;
    private String apiHost;
    private boolean closed;

    private Inlet() {
    }

    private void startAll(Settings settings) {
        Clock clock = Clock.systemUTC();
        Path dataDir = settings.get(SettingKeys.DATA_DIR);
        defaultRegion = settings.get(SettingKeys.API_DEFAULT_REGION);
        metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        started.push(metrics::close);
        JvmMetrics.bind(metrics, started);

        store = openStore(settings, dataDir);
        started.push(store);
        credentials = credentials(settings, dataDir, store);

        ActionPlugins actionPlugins = ActionPlugins.load(io.inlet.deploy.plugins.PluginsDirectory.of(settings));
        started.push(actionPlugins);
        ClosableTopicPublisher topics = openTopics(settings, dataDir, clock);
        started.push(topics);
        outbound = openOutbound(settings, dataDir, clock);
        started.push(outbound);
        // Delivery/bounce outcomes of SendEmail/SendRawEmail: SES notifications, Bounces statistics, forwarding.
        outbound.addListener(new SendingNotifications(store, topics, outbound, dataPlaneHostname(settings), clock));
        outbound.start();
        actionPlugins.start(settings, dataDir, clock, new PluginServices(dataPlaneHostname(settings), topics, outbound));
        Map<String, ActionPlugin> plugins = actionPlugins.byType();

        IdentitySettings identitySettings = new IdentitySettings(
                VerificationMode.valueOf(settings.get(SettingKeys.IDENTITIES_VERIFICATION).toUpperCase()),
                null, null, settings.get(SettingKeys.DNS_RESOLVERS), settings.get(SettingKeys.DNS_TIMEOUT));
        DomainVerificationChecker checker = DnsDomainVerificationChecker.create(
                identitySettings.dnsServers(), identitySettings.dnsTimeout());
        if (identitySettings.mode() == VerificationMode.DNS) {
            DomainVerificationPoller poller = new DomainVerificationPoller(store, identitySettings, checker, clock);
            poller.start();
            started.push(poller);
        }

        ReceiptLimits limits = new ReceiptLimits(settings.get(SettingKeys.LIMIT_RULE_SETS),
                settings.get(SettingKeys.LIMIT_RULES), settings.get(SettingKeys.LIMIT_ACTIONS),
                settings.get(SettingKeys.LIMIT_FILTERS));
        boolean strict = "strict".equals(settings.get(SettingKeys.ACTIONS_VALIDATION));
        Map<String, ApiOperation> operations = new LinkedHashMap<>();
        operations.putAll(new ReceiptOperations(store, plugins, new StoreVerifiedIdentities(store), limits, strict, clock)
                .operations());
        // Address verification mail in dns mode (issue 6 item 7); the link's default base needs the API port.
        io.inlet.config.identity.EmailVerification emailVerification = VerificationLinks.create(settings, store,
                outbound, dataPlaneHostname(settings), () -> apiPort, clock);
        operations.putAll(new IdentityOperations(store, identitySettings, checker, clock, emailVerification).operations());
        // SendEmail/SendRawEmail queue on the same outbound queue as the DSNs (issue 6 items 5 and 6).
        // SendBounce bounces mail the spool still keeps; the data plane starts below, hence the lookup at each call.
        operations.putAll(SendingOperations.operations(store, new StoreVerifiedIdentities(store), outbound,
                new SendingSettings(settings.get(SettingKeys.SENDING_MAX_24_HOUR_SEND),
                        settings.get(SettingKeys.SENDING_MAX_SEND_RATE)), clock,
                new SpoolReceivedMessages(() -> dataPlane == null ? null : dataPlane.spool())));

        ReceiptConfigurationPublisher publisher = new ReceiptConfigurationPublisher(store);
        publisher.start();
        started.push(publisher);
        List<String> regions = settings.get(SettingKeys.RECEIVING_REGIONS);
        receivingRegions = regions.isEmpty() ? Set.of(defaultRegion) : Set.copyOf(regions);
        snapshots = new SnapshotHolder(receivingRegions);
        snapshots.bind(publisher);

        dataPlane = DataPlane.start(settings, dataDir, snapshots, plugins, clock, metrics);
        started.push(dataPlane);

        Vertx vertx = Vertx.vertx();
        started.push(() -> vertx.close().await());
        ApiServerSettings apiSettings = new ApiServerSettings(settings.get(SettingKeys.API_HOST),
                settings.get(SettingKeys.API_PORT), settings.get(SettingKeys.API_LEGACY_AWS3), defaultRegion,
                ApiServerSettings.DEFAULT_MAX_BODY_BYTES);
        QueryApiServer api = new QueryApiServer(vertx, apiSettings, new CredentialsRegistry(java.util.List.of(credentials)),
                operations, clock, metrics);
        new InspectionRoutes(new MessageInspector(dataPlane.spool())).mount(api);
        new OutboundRoutes(outbound).mount(api);
        new VerificationRoutes(emailVerification).mount(api.router());
        new MetricsRoutes(metrics).mount(api.router());
        HealthRoutes.of(store, dataPlane.spool(), dataPlane.spoolDir(), dataPlane::smtpAccepting).mount(api.router());
        apiHost = apiSettings.host();
        apiPort = api.start();
        started.push(api::stop);
    }

    /**
     * Resolves the configuration, including the keys that action plugins declare: the built-ins'
     * and those of the jars in the plugins directory (found from the same sources beforehand).
     */
    public static Settings settings(Path configFile, Map<String, String> environment, Map<String, String> flags) {
        Path pluginsDirectory = io.inlet.deploy.plugins.PluginsDirectory.beforeSettings(configFile, environment, flags);
        try (io.inlet.deploy.plugins.PluginJars jars = io.inlet.deploy.plugins.PluginJars.open(pluginsDirectory)) {
            return SettingsLoader.load(configFile, environment, flags, ActionPlugins.settingKeys(jars));
        }
    }

    /** Starts every part; on failure, stops what already started and rethrows. */
    public static Inlet start(Settings settings) {
        SettingRelations.require(settings);
        Inlet inlet = new Inlet();
        try {
            inlet.startAll(settings);
        } catch (RuntimeException e) {
            inlet.close();
            throw e;
        }
        log.info("Inlet ready: SES API http://{}:{}/ (account {}, default region {}), SMTP {}:{} (receiving {}), "
                        + "data dir {}", inlet.apiHost, inlet.apiPort, inlet.credentials.accountId(), inlet.defaultRegion,
                inlet.dataPlane.smtpHost(), inlet.dataPlane.smtpPort(), String.join(",", inlet.receivingRegions),
                settings.get(SettingKeys.DATA_DIR).toAbsolutePath().normalize());
        return inlet;
    }

    public int apiPort() {
        return apiPort;
    }

    public ApiCredentials credentials() {
        return credentials;
    }

    public int smtpPort() {
        return dataPlane.smtpPort();
    }

    public io.inlet.engine.spool.Spool spool() {
        return dataPlane.spool();
    }

    public SnapshotHolder snapshots() {
        return snapshots;
    }

    /** The outbound mail queue (DSNs). */
    public OutboundQueue outbound() {
        return outbound;
    }

    public Store store() {
        return store;
    }

    /** Every meter of this daemon (what {@code GET /metrics} renders). */
    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                log.warn("error while stopping", e);
            }
        }
        log.info("Inlet stopped");
    }

    private OutboundQueue openOutbound(Settings settings, Path dataDir, Clock clock) {
        try {
            return OutboundQueue.open(OutboundConfiguration.from(settings, dataPlaneHostname(settings)),
                    dataDir.resolve("outbound"), clock, metrics);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot open the outbound queue in " + dataDir, e);
        }
    }

    /** The one SNS publisher every action's notifications go through (actions.sns.* keys). */
    private static ClosableTopicPublisher openTopics(Settings settings, Path dataDir, Clock clock) {
        try {
            return TopicPublishers.open(SnsSettings.parse(settings.textValues("actions.sns.")), dataDir, clock);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot open the SNS outbox in " + dataDir, e);
        }
    }

    /** The name the SMTP listener announces; DSNs name it as their reporting MTA. */
    private static String dataPlaneHostname(Settings settings) {
        String configured = settings.get(SettingKeys.SMTP_HOSTNAME);
        return configured.isEmpty() ? io.inlet.engine.smtp.SmtpSettings.localHostname() : configured;
    }

    /** The shared PostgreSQL store when store.url is set (several nodes), else the embedded one. */
    private static Store openStore(Settings settings, Path dataDir) {
        String url = settings.get(SettingKeys.STORE_URL);
        if (url.isEmpty()) {
            return SqliteStore.open(dataDir.resolve("store"));
        }
        PostgresSettings shared = new PostgresSettings(url, settings.get(SettingKeys.STORE_USERNAME),
                settings.get(SettingKeys.STORE_PASSWORD), settings.get(SettingKeys.STORE_POOL_SIZE));
        PostgresStore store = PostgresStore.open(shared);
        log.info("Using the shared PostgreSQL store {}", shared.redactedUrl());
        return store;
    }

    private static ApiCredentials credentials(Settings settings, Path dataDir, Store store) {
        String id = settings.get(SettingKeys.ACCESS_KEY_ID);
        String secret = settings.get(SettingKeys.SECRET_ACCESS_KEY);
        String account = settings.get(SettingKeys.ACCOUNT_ID);
        if (!id.isEmpty() && !secret.isEmpty()) {
            return new ApiCredentials(id, secret, account);
        }
        GeneratedCredentials.KeyPair pair = store instanceof PostgresStore shared
                ? GeneratedCredentials.loadOrCreateShared(shared, dataDir)
                : GeneratedCredentials.loadOrCreate(dataDir);
        log.info("{} API credentials in {} (access key {}); source it to use the AWS CLI",
                pair.created() ? "Generated" : "Using generated", pair.file(), pair.accessKeyId());
        return new ApiCredentials(pair.accessKeyId(), pair.secretAccessKey(), account);
    }
}
