package io.inlet.deploy;

import io.inlet.deploy.settings.SettingKeys;
import io.inlet.deploy.settings.Settings;
import io.inlet.deploy.settings.SettingsException;
import io.inlet.engine.process.MessageProcessor;
import io.inlet.engine.process.ProcessingSettings;
import io.inlet.engine.smtp.ProxyProtocol;
import io.inlet.engine.smtp.SmtpListener;
import io.inlet.engine.smtp.SmtpSettings;
import io.inlet.engine.smtp.TlsCredentials;
import io.inlet.engine.snapshot.SnapshotHolder;
import io.inlet.engine.spool.FileSpool;
import io.inlet.engine.spool.SpoolMetrics;
import io.inlet.engine.spool.SpoolSettings;
import io.inlet.engine.verdicts.AuthResultsStyle;
import io.inlet.engine.verdicts.ClamdSettings;
import io.inlet.engine.verdicts.DefaultVerdictService;
import io.inlet.engine.verdicts.DnsSettings;
import io.inlet.engine.verdicts.SpamdSettings;
import io.inlet.engine.verdicts.VerdictSettings;
import io.inlet.rules.spi.ActionPlugin;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The engine as configured: spool, verdicts, the processor and the SMTP listener. Started in
 * that order (nothing is accepted before the processor can take it) and closed in reverse: the
 * SMTP drain first ({@code smtp.shutdown-deadline}), then the processor finishes its running
 * actions ({@code processing.shutdown-grace}), then the spool. Messages still queued stay in the
 * spool and the next start resumes them.
 */
final class DataPlane implements AutoCloseable {
    private final FileSpool spool;
    private final Path spoolDir;
    private final MessageProcessor processor;
    private final SmtpListener smtp;
    private final Duration processingGrace;

    private DataPlane(FileSpool spool, Path spoolDir, MessageProcessor processor, SmtpListener smtp,
                      Duration processingGrace) {
        this.spool = spool;
        this.spoolDir = spoolDir;
        this.processor = processor;
        this.smtp = smtp;
        this.processingGrace = processingGrace;
    }

    static DataPlane start(Settings settings, Path dataDir, SnapshotHolder snapshots,
                           Map<String, ActionPlugin> plugins, Clock clock) {
        return start(settings, dataDir, snapshots, plugins, clock, new SimpleMeterRegistry());
    }

    /** @param registry where the engine's meters go (inlet.smtp.*, inlet.spool.*, inlet.actions.*) */
    static DataPlane start(Settings settings, Path dataDir, SnapshotHolder snapshots,
                           Map<String, ActionPlugin> plugins, Clock clock, MeterRegistry registry) {
        FileSpool spool;
        Path spoolDir = dataDir.resolve("spool");
        try {
            spool = FileSpool.open(new SpoolSettings(spoolDir, settings.get(SettingKeys.SPOOL_MAX_SIZE),
                    settings.get(SettingKeys.SPOOL_MAX_MESSAGES), settings.get(SettingKeys.SPOOL_KEEP_PROCESSED)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the spool in " + dataDir.resolve("spool"), e);
        }
        MessageProcessor processor = null;
        try {
            SpoolMetrics.bind(spool, registry, clock);
            processor = new MessageProcessor(spool, new DefaultVerdictService(verdictSettings(settings)), plugins,
                    processingSettings(settings), clock, registry);
            processor.start();
            SmtpListener smtp = new SmtpListener(smtpSettings(settings), snapshots, spool, clock, registry);
            smtp.start();
            return new DataPlane(spool, spoolDir, processor, smtp, settings.get(SettingKeys.PROCESSING_SHUTDOWN_GRACE));
        } catch (RuntimeException e) {
            if (processor != null) {
                processor.close();
            }
            spool.close();
            throw e;
        }
    }

    int smtpPort() {
        return smtp.port();
    }

    String smtpHost() {
        return smtp.settings().host();
    }

    FileSpool spool() {
        return spool;
    }

    /** The spool's directory (the readiness probe writes in it). */
    Path spoolDir() {
        return spoolDir;
    }

    /** Whether the SMTP listener takes connections (started, no shutdown begun). */
    boolean smtpAccepting() {
        return smtp.accepting();
    }

    MessageProcessor processor() {
        return processor;
    }

    @Override
    public void close() {
        smtp.close(); // drains within smtp.shutdown-deadline
        processor.close(processingGrace);
        spool.close();
    }

    private static SmtpSettings smtpSettings(Settings s) {
        SmtpSettings.Builder b = SmtpSettings.builder()
                .host(s.get(SettingKeys.SMTP_HOST))
                .port(s.get(SettingKeys.SMTP_PORT))
                .maxMessageSize(s.get(SettingKeys.SMTP_MAX_MESSAGE_SIZE))
                .maxRecipients(s.get(SettingKeys.SMTP_MAX_RECIPIENTS))
                .maxConnections(s.get(SettingKeys.SMTP_MAX_CONNECTIONS))
                .maxConnectionsPerIp(s.get(SettingKeys.SMTP_MAX_CONNECTIONS_PER_IP))
                .commandTimeout(s.get(SettingKeys.SMTP_COMMAND_TIMEOUT))
                .transactionDeadline(s.get(SettingKeys.SMTP_TRANSACTION_DEADLINE))
                .shutdownDeadline(s.get(SettingKeys.SMTP_SHUTDOWN_DEADLINE))
                .proxyProtocol(ProxyProtocol.parse(s.get(SettingKeys.SMTP_PROXY_PROTOCOL)));
        if (!s.get(SettingKeys.SMTP_HOSTNAME).isEmpty()) {
            b.hostname(s.get(SettingKeys.SMTP_HOSTNAME));
        }
        TlsCredentials tls = tlsCredentials(s);
        if (tls != null) {
            b.tls(tls);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new SettingsException("invalid configuration:\n  smtp: " + e.getMessage());
        }
    }

    /** Which STARTTLS credentials are configured (their consistency was checked by SettingRelations). */
    private static TlsCredentials tlsCredentials(Settings s) {
        String keystore = s.get(SettingKeys.SMTP_TLS_KEYSTORE);
        if (!keystore.isEmpty()) {
            return TlsCredentials.pkcs12(Path.of(keystore), s.get(SettingKeys.SMTP_TLS_KEYSTORE_PASSWORD));
        }
        String cert = s.get(SettingKeys.SMTP_TLS_CERTIFICATE);
        return cert.isEmpty() ? null : TlsCredentials.pem(Path.of(cert), Path.of(s.get(SettingKeys.SMTP_TLS_PRIVATE_KEY)));
    }

    private static VerdictSettings verdictSettings(Settings s) {
        DnsSettings dns = new DnsSettings(s.get(SettingKeys.DNS_RESOLVERS), s.get(SettingKeys.DNS_TIMEOUT), 1);
        String spamd = s.get(SettingKeys.SCAN_SPAMD);
        String clamd = s.get(SettingKeys.SCAN_CLAMD);
        return new VerdictSettings(dns, spamd.isEmpty() ? null : SpamdSettings.at(spamd),
                clamd.isEmpty() ? null : ClamdSettings.at(clamd), AuthResultsStyle.RFC8601);
    }

    private static ProcessingSettings processingSettings(Settings s) {
        int workers = s.get(SettingKeys.PROCESSING_WORKERS);
        if (workers == 0) {
            workers = 4 * Runtime.getRuntime().availableProcessors();
        }
        return new ProcessingSettings(workers, s.get(SettingKeys.PROCESSING_INITIAL_BACKOFF),
                s.get(SettingKeys.PROCESSING_MAX_BACKOFF), s.get(SettingKeys.PROCESSING_RETRY_BUDGET));
    }
}
