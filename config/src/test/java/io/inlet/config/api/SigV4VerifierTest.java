package io.inlet.config.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inlet.config.store.Scope;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

class SigV4VerifierTest {

    // The worked example of the AWS General Reference ("Signature Version 4 signing process", IAM ListUsers).
    static final String DOC_KEY = "AKIDEXAMPLE";
    static final String DOC_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final String DOC_SIGNATURE = "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";
    static final Instant DOC_TIME = Instant.parse("2015-08-30T12:36:00Z");

    static final CredentialsRegistry DOC_KEYS = CredentialsRegistry.of(new ApiCredentials(DOC_KEY, DOC_SECRET, "111122223333"));

    static RawHttpRequest docRequest(String signature) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("iam.amazonaws.com"));
        headers.put("Content-Type", List.of("application/x-www-form-urlencoded; charset=utf-8"));
        headers.put("X-Amz-Date", List.of("20150830T123600Z"));
        headers.put("Authorization", List.of("AWS4-HMAC-SHA256 Credential=" + DOC_KEY
                + "/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=" + signature));
        return new RawHttpRequest("GET", "/", "Action=ListUsers&Version=2010-05-08", headers, null);
    }

    static SigV4Verifier docVerifier(Instant now) {
        return new SigV4Verifier(DOC_KEYS, Clock.fixed(now, ZoneOffset.UTC), Set.of("iam"));
    }

    @Test
    void canonicalRequestMatchesTheAwsExample() {
        String canonical = CanonicalRequest.build(docRequest(DOC_SIGNATURE), List.of("content-type", "host", "x-amz-date"),
                false, Crypto.sha256Hex(new byte[0]));
        assertThat(canonical).isEqualTo("GET\n/\nAction=ListUsers&Version=2010-05-08\n"
                + "content-type:application/x-www-form-urlencoded; charset=utf-8\nhost:iam.amazonaws.com\n"
                + "x-amz-date:20150830T123600Z\n\ncontent-type;host;x-amz-date\n"
                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Crypto.sha256Hex(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo("f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
    }

    @Test
    void acceptsTheAwsExampleSignature() {
        Scope scope = docVerifier(DOC_TIME.plusSeconds(60)).verify(docRequest(DOC_SIGNATURE));
        assertThat(scope).isEqualTo(new Scope("111122223333", "us-east-1"));
    }

    @Test
    void rejectsAnAlteredSignature() {
        String altered = "6" + DOC_SIGNATURE.substring(1);
        assertThatThrownBy(() -> docVerifier(DOC_TIME).verify(docRequest(altered)))
                .isInstanceOfSatisfying(SesException.class, e -> {
                    assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
                    assertThat(e.httpStatus()).isEqualTo(403);
                });
    }

    @Test
    void rejectsAnotherService() {
        SigV4Verifier sesOnly = new SigV4Verifier(DOC_KEYS, Clock.fixed(DOC_TIME, ZoneOffset.UTC));
        assertThatThrownBy(() -> sesOnly.verify(docRequest(DOC_SIGNATURE)))
                .isInstanceOfSatisfying(SesException.class, e -> {
                    assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
                    assertThat(e.getMessage()).contains("correct service: 'ses'");
                });
    }

    @Test
    void sixteenMinutesLaterIsExpired() {
        assertThatThrownBy(() -> docVerifier(DOC_TIME.plus(Duration.ofMinutes(16))).verify(docRequest(DOC_SIGNATURE)))
                .isInstanceOfSatisfying(SesException.class, e -> {
                    assertThat(e.code()).isEqualTo("RequestExpired");
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("Signature expired: 20150830T123600Z is now earlier than "
                            + "20150830T123700Z (20150830T125200Z - 15 min.)");
                });
    }

    @Test
    void unknownKeyComesBeforeTheSignatureCheck() {
        SigV4Verifier noKeys = new SigV4Verifier(CredentialsRegistry.of(), Clock.fixed(DOC_TIME, ZoneOffset.UTC), Set.of("iam"));
        assertThatThrownBy(() -> noKeys.verify(docRequest(DOC_SIGNATURE)))
                .isInstanceOfSatisfying(SesException.class, e -> assertThat(e.code()).isEqualTo("InvalidClientTokenId"));
    }

    @Test
    void missingPartsAreIncompleteSignature() {
        Map<String, List<String>> headers = Map.of("Host", List.of("h"),
                "Authorization", List.of("AWS4-HMAC-SHA256 Credential=" + DOC_KEY + "/20150830/us-east-1/iam/aws4_request"));
        assertThatThrownBy(() -> docVerifier(DOC_TIME).verify(new RawHttpRequest("GET", "/", null, headers, null)))
                .isInstanceOfSatisfying(SesException.class, e -> {
                    assertThat(e.code()).isEqualTo("IncompleteSignature");
                    assertThat(e.getMessage()).contains("'SignedHeaders'").contains("'Signature'").contains("'X-Amz-Date'");
                });
    }

    @Test
    void credentialDateMustMatchTheRequestDate() {
        RawHttpRequest request = docRequest(DOC_SIGNATURE);
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.put("authorization", List.of(request.header("authorization").replace("/20150830/", "/20150831/")));
        RawHttpRequest shifted = new RawHttpRequest("GET", "/", request.rawQuery(), headers, null);
        assertThatThrownBy(() -> docVerifier(DOC_TIME).verify(shifted))
                .isInstanceOfSatisfying(SesException.class, e -> assertThat(e.getMessage()).startsWith("Date in Credential scope"));
    }

    @Test
    void canonicalQuerySortsAndReEncodes() {
        assertThat(CanonicalRequest.canonicalQuery("b=2&a=%7e&a=1&c&&d=x+y%2Fz", false))
                .isEqualTo("a=1&a=~&b=2&c=&d=x%2By%2Fz");
        assertThat(CanonicalRequest.canonicalQuery("X-Amz-Signature=abc&A=1", true)).isEqualTo("A=1");
        assertThat(CanonicalRequest.normalizeValue("  a   b  c ")).isEqualTo("a b c");
    }

    // --- against the AWS SDK's signer --------------------------------------------------------

    static final CredentialsRegistry KEYS = CredentialsRegistry.of(new ApiCredentials("AKIAK", "s3cr3t", "123456789012"));
    static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    static RawHttpRequest sdkSigned(String body, Map<String, String> extraHeaders, boolean presigned, Duration expiry) {
        SdkHttpRequest.Builder builder = SdkHttpRequest.builder().method(body == null ? SdkHttpMethod.GET : SdkHttpMethod.POST)
                .protocol("https").host("email.example.test").encodedPath("/")
                .putRawQueryParameter("Extra", "v a/l");
        extraHeaders.forEach(builder::putHeader);
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> {
            r.identity(AwsCredentialsIdentity.create("AKIAK", "s3cr3t")).request(builder.build())
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "ses")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "sa-east-1")
                    .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC));
            if (body != null) {
                r.payload(ContentStreamProvider.fromUtf8String(body));
            }
            if (presigned) {
                r.putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, expiry);
            }
        });
        SdkHttpRequest request = signed.request();
        byte[] bytes = signed.payload().map(SigV4VerifierTest::read).orElse(null);
        return new RawHttpRequest(request.method().name(), request.encodedPath(), request.getUri().getRawQuery(),
                request.headers(), bytes);
    }

    static byte[] read(ContentStreamProvider provider) {
        try (InputStream in = provider.newStream(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SigV4Verifier verifierAt(Instant now) {
        return new SigV4Verifier(KEYS, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void acceptsSdkSignedPostAndUsesTheScopeRegion() {
        RawHttpRequest request = sdkSigned("Action=ListReceiptFilters&Version=2010-12-01",
                Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8", "X-Custom", "  a   b "), false, null);
        assertThat(verifierAt(NOW).verify(request)).isEqualTo(new Scope("123456789012", "sa-east-1"));
    }

    @Test
    void declaredPayloadHashMustBeTheBodysHash() {
        RawHttpRequest signed = sdkSigned("Action=ListReceiptFilters", Map.of(), false, null);
        Map<String, List<String>> headers = new LinkedHashMap<>(signed.headers());
        headers.put("x-amz-content-sha256", List.of(Crypto.sha256Hex(new byte[] {1})));
        RawHttpRequest request = new RawHttpRequest("POST", "/", signed.rawQuery(), headers, signed.body());
        assertThatThrownBy(() -> verifierAt(NOW).verify(request))
                .isInstanceOfSatisfying(SesException.class, e -> assertThat(e.getMessage()).contains("x-amz-content-sha256"));
    }

    @Test
    void presignedRequestIsValidUntilItsExpiry() {
        RawHttpRequest request = sdkSigned(null, Map.of(), true, Duration.ofMinutes(30));
        assertThat(SigV4Verifier.isPresigned(request)).isTrue();
        assertThat(verifierAt(NOW.plus(Duration.ofMinutes(29))).verify(request).region()).isEqualTo("sa-east-1");
        assertThatThrownBy(() -> verifierAt(NOW.plus(Duration.ofMinutes(31))).verify(request))
                .isInstanceOfSatisfying(SesException.class, e -> assertThat(e.code()).isEqualTo("RequestExpired"));
    }
}
