package io.inlet.config.api;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Builds raw requests signed by the AWS SDK's own SigV4 signer (independent of the verifier
 * under test) or by the legacy AWS3-HTTPS rule.
 */
final class TestSigning {

    /** Headers java.net.http sets itself and refuses to take from us. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private TestSigning() {
    }

    /** A form POST signed in the Authorization header. */
    static HttpRequest signedPost(int port, String body, String keyId, String secret, String region, Clock clock) {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST).protocol("http").host("127.0.0.1").port(port).encodedPath("/")
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .build();
        SignedRequest signed = sign(request, body, keyId, secret, region, clock, false);
        return toJava(signed.request(), body);
    }

    /** A GET with the parameters in the query string, signed in the header or presigned. */
    static HttpRequest signedGet(int port, Map<String, String> params, String keyId, String secret, String region,
                                 Clock clock, boolean presigned) {
        SdkHttpRequest.Builder builder = SdkHttpRequest.builder()
                .method(SdkHttpMethod.GET).protocol("http").host("127.0.0.1").port(port).encodedPath("/");
        params.forEach(builder::putRawQueryParameter);
        SignedRequest signed = sign(builder.build(), null, keyId, secret, region, clock, presigned);
        return toJava(signed.request(), null);
    }

    private static SignedRequest sign(SdkHttpRequest request, String body, String keyId, String secret, String region,
                                      Clock clock, boolean presigned) {
        return AwsV4HttpSigner.create().sign(r -> {
            r.identity(AwsCredentialsIdentity.create(keyId, secret))
                    .request(request)
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "ses")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(HttpSigner.SIGNING_CLOCK, clock);
            if (body != null) {
                r.payload(ContentStreamProvider.fromUtf8String(body));
            }
            if (presigned) {
                r.putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(5));
            }
        });
    }

    private static HttpRequest toJava(SdkHttpRequest signed, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(signed.getUri());
        signed.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase())) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
        return builder.method(signed.method().name(), publisher).build();
    }

    /** {@code X-Amzn-Authorization: AWS3-HTTPS …}: an HMAC of the Date header's text. */
    static String aws3Https(String keyId, String secret, String algorithm, String date) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            String signature = Base64.getEncoder().encodeToString(mac.doFinal(date.getBytes(StandardCharsets.UTF_8)));
            return "AWS3-HTTPS AWSAccessKeyId=" + keyId + ", Algorithm=" + algorithm + ", Signature=" + signature;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> params(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
