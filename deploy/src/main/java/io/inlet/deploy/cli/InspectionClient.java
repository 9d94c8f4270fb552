package io.inlet.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The daemon's inspection API ({@code /_inlet/…}, README "Inspecting received mail"), with requests
 * signed by the AWS SDK's SigV4 signer (service {@code ses}) exactly as the Query API's are.
 */
final class InspectionClient {

    /** What the daemon answered. {@code body} is empty for 204. */
    record Response(int status, byte[] body) {
        JsonNode json() {
            try {
                return body.length == 0 ? JSON.nullNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new CliException("Inlet answered HTTP " + status + " with a body that is not JSON");
            }
        }

        /** The {@code error.code} of an error answer, or null. */
        String errorCode() {
            JsonNode code = safeJson().path("error").path("code");
            return code.isTextual() ? code.asText() : null;
        }

        /** The {@code error.message} of an error answer, else the status. */
        String errorMessage() {
            JsonNode message = safeJson().path("error").path("message");
            return message.isTextual() ? message.asText() : "HTTP " + status;
        }

        private JsonNode safeJson() {
            try {
                return body.length == 0 ? JSON.missingNode() : JSON.readTree(body);
            } catch (IOException e) {
                return JSON.missingNode();
            }
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> RESTRICTED_HEADERS = Set.of("host", "content-length", "connection", "expect",
            "upgrade");

    private final Connection connection;
    private final HttpClient http;

    InspectionClient(Connection connection) {
        this.connection = connection;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Connection.CONNECT_TIMEOUT).build();
    }

    /** GET {@code path} with the given query parameters (null values left out); 200 expected. */
    JsonNode get(String path, Map<String, String> query) {
        Response r = send("GET", path, query);
        if (r.status() != 200) {
            throw failure(r, path);
        }
        return r.json();
    }

    /** Sends a signed request; network failures become "cannot reach", 403 a credentials error. */
    Response send(String method, String path, Map<String, String> query) {
        URI endpoint = connection.endpoint();
        String base = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .protocol(endpoint.getScheme())
                .host(endpoint.getHost())
                .encodedPath(base + path);
        if (endpoint.getPort() > 0) {
            request.port(endpoint.getPort());
        }
        Map<String, String> params = new LinkedHashMap<>();
        query.forEach((k, v) -> {
            if (v != null) {
                params.put(k, v);
            }
        });
        params.forEach(request::appendRawQueryParameter);
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(s -> s
                .identity(AwsCredentialsIdentity.create(connection.accessKeyId(), connection.secretAccessKey()))
                .request(request.build())
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "ses")
                .putProperty(AwsV4HttpSigner.REGION_NAME, connection.region())).request();
        HttpRequest.Builder out = HttpRequest.newBuilder(uri(endpoint, base + path, params))
                .timeout(Connection.READ_TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.noBody());
        signed.headers().forEach((name, values) -> {
            if (!RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> out.header(name, v));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = http.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            Throwable cause = Connection.networkCause(e);
            throw connection.unreachable(cause != null ? cause : e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
        Response r = new Response(response.statusCode(), response.body());
        if (r.status() == 403) {
            throw connection.rejected(r.errorCode() == null ? "HTTP 403" : r.errorCode(), r.errorMessage());
        }
        return r;
    }

    /** An unexpected answer as a one-line error. */
    CliException failure(Response r, String path) {
        if (r.status() == 404 && r.errorCode() == null) {
            return new CliException("Inlet at " + connection.endpoint() + " has no inspection API at " + path
                    + " (HTTP 404): is this an Inlet daemon of this version?");
        }
        return new CliException(r.errorMessage() + (r.errorCode() == null ? "" : " (" + r.errorCode() + ")"));
    }

    /** The URI the signer signed: the same path and the same query, percent-encoded as SigV4 does. */
    private static URI uri(URI endpoint, String path, Map<String, String> query) {
        StringBuilder sb = new StringBuilder(endpoint.getScheme()).append("://").append(endpoint.getRawAuthority())
                .append(path);
        String sep = "?";
        for (Map.Entry<String, String> e : query.entrySet()) {
            sb.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            sep = "&";
        }
        return URI.create(sb.toString());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    /** A path segment (message IDs are [0-9a-v], but anything else is still sent safely). */
    static String segment(String s) {
        return encode(s);
    }
}
