package io.inlet.deploy.cli;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ses.SesClient;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;

/**
 * Where the daemon is and how to sign for it, as {@link ClientOptions} resolved them.
 *
 * @param credentialsSource where the key pair came from, for error messages (never the secret)
 */
record Connection(URI endpoint, String accessKeyId, String secretAccessKey, String credentialsSource, String region) {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    @Override
    public String toString() {
        return "Connection[" + endpoint + ", " + accessKeyId + " from " + credentialsSource + ", " + region + "]";
    }

    /**
     * An SES client of the daemon's Query API: endpoint override, static credentials, no retries
     * (a daemon that is down should be reported at once, not after backoff).
     */
    SesClient ses() {
        return SesClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT).socketTimeout(READ_TIMEOUT).build())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** "cannot reach Inlet at …", for a connection that failed before any answer. */
    CliException unreachable(Throwable cause) {
        return new CliException("cannot reach Inlet at " + endpoint + ": " + describe(cause)
                + " (is the daemon running? give its API address with --endpoint or --config)");
    }

    /** The daemon answered 403: the key pair is unknown or the signature does not match. */
    CliException rejected(String code, String message) {
        return new CliException("Inlet at " + endpoint + " rejected the credentials (" + code
                + (message == null || message.isBlank() ? "" : ": " + message) + "); access key " + accessKeyId
                + " from " + credentialsSource + ". Use the daemon's key pair: access-key-id/secret-access-key in"
                + " --config, INLET_ACCESS_KEY_ID/INLET_SECRET_ACCESS_KEY, or --data-dir with its credentials.env");
    }

    /** Any SDK failure as a one-line error; {@code doing} says what was being done ("listing rule sets"). */
    CliException translate(SdkException e, String doing) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails() == null ? e.getMessage() : service.awsErrorDetails().errorMessage();
            if (service.statusCode() == 403) {
                return rejected(code, message);
            }
            return new CliException("Inlet refused " + doing + ": " + (code == null ? "HTTP " + service.statusCode() : code)
                    + (message == null ? "" : ": " + message));
        }
        Throwable network = networkCause(e);
        if (network != null) {
            return unreachable(network);
        }
        return new CliException("failed " + doing + ": " + e.getMessage());
    }

    /** The connection-level cause (refused, unknown host, timeout), or null when it is something else. */
    static Throwable networkCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException || t instanceof HttpConnectTimeoutException) {
                return t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String describe(Throwable cause) {
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        if (cause instanceof UnknownHostException) {
            return "unknown host " + cause.getMessage();
        }
        if (cause instanceof SocketTimeoutException || cause instanceof HttpConnectTimeoutException) {
            return "timed out";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
