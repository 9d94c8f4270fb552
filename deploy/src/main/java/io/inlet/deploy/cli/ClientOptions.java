package io.inlet.deploy.cli;

import io.inlet.deploy.Inlet;
import io.inlet.deploy.settings.SettingKeys;
import io.inlet.deploy.settings.Settings;
import io.inlet.deploy.settings.SettingsException;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The connection options every client command shares (a picocli mixin): where the running daemon's
 * API is and which key pair signs for it. Resolution follows {@code serve}: {@code --config FILE}
 * and the {@code INLET_*} environment are read exactly as {@code serve --config FILE} reads them.
 *
 * <ul>
 *   <li>endpoint: {@code --endpoint}, else {@code http://<api.host>:<api.port>} of the configuration
 *       (a wildcard host becomes the loopback address), else {@code http://127.0.0.1:8787};</li>
 *   <li>credentials: {@code access-key-id}/{@code secret-access-key} of the configuration (file or
 *       {@code INLET_ACCESS_KEY_ID}/{@code INLET_SECRET_ACCESS_KEY}), else the pair the daemon
 *       generated in {@code <data-dir>/credentials.env} ({@code --data-dir}, else the configuration's
 *       {@code data-dir}, default {@code ./data}), else {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY};</li>
 *   <li>region: {@code --region}, else the configuration's {@code api.default-region} ({@code us-east-1}).</li>
 * </ul>
 */
public final class ClientOptions {

    static final String CREDENTIALS_FILE = "credentials.env";

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "Inlet's API. Default: http://<api.host>:<api.port> of --config (or INLET_API_*), "
                    + "else http://127.0.0.1:8787.")
    String endpoint;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The daemon's YAML configuration: API address, key pair and data dir are read from it "
                    + "(and from INLET_* variables) as 'serve --config FILE' reads them.")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory whose generated credentials.env is used when no key pair is configured "
                    + "(default: data-dir of the configuration, ./data).")
    Path dataDir;

    @Option(names = "--region", paramLabel = "REGION",
            description = "SES region (default: api.default-region of the configuration, us-east-1).")
    String region;

    /** Resolves against the process environment. */
    Connection resolve() {
        return resolve(System.getenv());
    }

    Connection resolve(Map<String, String> environment) {
        if (config != null && !Files.isRegularFile(config)) {
            throw new CliException("config file " + config + " does not exist or is not a file");
        }
        Settings settings;
        try {
            settings = Inlet.settings(config, environment,
                    dataDir == null ? Map.of() : Map.of(SettingKeys.DATA_DIR.name(), dataDir.toString()));
        } catch (SettingsException e) {
            throw new CliException("cannot use the configuration: " + e.getMessage());
        }
        URI uri = endpoint != null ? parseEndpoint(endpoint) : endpointOf(settings);
        String regionName = region != null && !region.isBlank() ? region.trim() : settings.get(SettingKeys.API_DEFAULT_REGION);
        String id = settings.get(SettingKeys.ACCESS_KEY_ID);
        String secret = settings.get(SettingKeys.SECRET_ACCESS_KEY);
        if (!id.isEmpty() && !secret.isEmpty()) {
            return new Connection(uri, id, secret, "access-key-id of " + settings.origin(SettingKeys.ACCESS_KEY_ID), regionName);
        }
        Path file = settings.get(SettingKeys.DATA_DIR).resolve(CREDENTIALS_FILE);
        if (Files.exists(file)) {
            String[] pair = readCredentialsFile(file);
            return new Connection(uri, pair[0], pair[1], file.toString(), regionName);
        }
        String envId = environment.get("AWS_ACCESS_KEY_ID");
        String envSecret = environment.get("AWS_SECRET_ACCESS_KEY");
        if (envId != null && !envId.isBlank() && envSecret != null && !envSecret.isBlank()) {
            return new Connection(uri, envId.trim(), envSecret.trim(), "AWS_ACCESS_KEY_ID", regionName);
        }
        throw new CliException("no API credentials: none configured (access-key-id and secret-access-key in --config,"
                + " or INLET_ACCESS_KEY_ID and INLET_SECRET_ACCESS_KEY), no " + file
                + " (the pair the daemon generates; --data-dir names its data directory),"
                + " and no AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
    }

    static URI parseEndpoint(String text) {
        try {
            URI uri = new URI(text.trim());
            if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
                    || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new URISyntaxException(text, "not an http(s)://host[:port][/path] URL");
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            return new URI(uri.getScheme().toLowerCase(), uri.getRawAuthority(), path.isEmpty() ? null : path, null, null);
        } catch (URISyntaxException e) {
            throw new CliException("--endpoint " + text + ": not an http(s)://host[:port] URL");
        }
    }

    private static URI endpointOf(Settings settings) {
        int port = settings.get(SettingKeys.API_PORT);
        if (port == 0) {
            throw new CliException("api.port is 0 (from " + settings.origin(SettingKeys.API_PORT)
                    + "): the daemon picks a free port; give its address with --endpoint");
        }
        String host = settings.get(SettingKeys.API_HOST).trim();
        if (host.isEmpty() || host.equals("0.0.0.0") || host.equals("*")) {
            host = "127.0.0.1";
        } else if (host.equals("::") || host.equals("[::]")) {
            host = "[::1]";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port);
    }

    /** The pair in a {@code credentials.env} file (read only: this never creates one). */
    private static String[] readCredentialsFile(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (AccessDeniedException e) {
            throw new CliException("cannot read " + file + ": permission denied (it is the daemon's, mode 0600:"
                    + " run as its user, or configure the key pair)");
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage());
        }
        String id = p.getProperty("AWS_ACCESS_KEY_ID");
        String secret = p.getProperty("AWS_SECRET_ACCESS_KEY");
        if (id == null || secret == null || id.isBlank() || secret.isBlank()) {
            throw new CliException(file + " does not hold AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
        }
        return new String[]{id.trim(), secret.trim()};
    }
}
