package io.inlet.config.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inlet.config.store.Scope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class Aws3VerifierTest {

    static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String DATE = "Sat, 12 May 2012 05:25:58 GMT";
    static final Instant SIGNED = Instant.parse("2012-05-12T05:25:58Z");
    static final String BODY = "Action=DeleteIdentity&Identity=domain.com&Version=2010-12-01";
    static final Aws3Verifier VERIFIER = verifierAt(SIGNED.plusSeconds(30));

    static Aws3Verifier verifierAt(Instant now) {
        return new Aws3Verifier(CredentialsRegistry.of(new ApiCredentials(KEY, SECRET, "123456789012")),
                Clock.fixed(now, ZoneOffset.UTC), "eu-central-1");
    }

    static RawHttpRequest request(String authorization, Map<String, String> extra) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("email.us-east-1.amazonaws.com"));
        headers.put("Date", List.of(DATE));
        headers.put("X-Amzn-Authorization", List.of(authorization));
        extra.forEach((k, v) -> headers.put(k, List.of(v)));
        return new RawHttpRequest("POST", "/", null, headers, BODY.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, String> params() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Action", "DeleteIdentity");
        params.put("Identity", "domain.com");
        params.put("Version", "2010-12-01");
        return params;
    }

    static String hmacBase64(String algorithm, byte[] data) throws Exception {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), algorithm));
        return Base64.getEncoder().encodeToString(mac.doFinal(data));
    }

    static byte[] sha256(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsAws3HttpsInTheDefaultRegion() {
        Scope scope = VERIFIER.verify(request(TestSigning.aws3Https(KEY, SECRET, "HmacSHA256", DATE), Map.of()), params());
        assertThat(scope).isEqualTo(new Scope("123456789012", "eu-central-1"));
    }

    @Test
    void acceptsAws3HttpsWithANonce() throws Exception {
        String signature = hmacBase64("HmacSHA1", (DATE + "n0nce").getBytes(StandardCharsets.UTF_8));
        String header = "AWS3-HTTPS AWSAccessKeyId=" + KEY + ",Algorithm=HmacSHA1,Signature=" + signature;
        assertThat(VERIFIER.verify(request(header, Map.of("x-amz-nonce", "n0nce")), params()).accountId())
                .isEqualTo("123456789012");
    }

    @Test
    void acceptsAws3OverTheRawRequest() throws Exception {
        // boto's HmacAuthV3HTTPHandler: method, path, empty query, sorted headers, blank line, body.
        String toSign = "POST\n/\n\ndate:" + DATE + "\nhost:email.us-east-1.amazonaws.com\n\n" + BODY;
        String header = "AWS3 AWSAccessKeyId=" + KEY + ",Algorithm=HmacSHA256,SignedHeaders=Date;Host,Signature="
                + hmacBase64("HmacSHA256", sha256(toSign));
        assertThat(VERIFIER.verify(request(header, Map.of()), params()).region()).isEqualTo("eu-central-1");
    }

    @Test
    void acceptsAws3OverTheSortedParameters() throws Exception {
        // The AWS SDK for Java v1 AWS3Signer: parameters as the query string, empty payload.
        String toSign = "POST\n/\nAction=DeleteIdentity&Identity=domain.com&Version=2010-12-01\n"
                + "host:email.us-east-1.amazonaws.com\nx-amz-date:" + DATE + "\n\n";
        String header = "AWS3 AWSAccessKeyId=" + KEY + ",Algorithm=HmacSHA256,SignedHeaders=Host;X-Amz-Date,Signature="
                + hmacBase64("HmacSHA256", sha256(toSign));
        assertThat(VERIFIER.verify(request(header, Map.of("X-Amz-Date", DATE)), params()).accountId())
                .isEqualTo("123456789012");
    }

    @Test
    void rejectsAnAws3SignatureOverOtherContent() throws Exception {
        String toSign = "POST\n/\n\ndate:" + DATE + "\nhost:email.us-east-1.amazonaws.com\n\nAction=DeleteIdentity";
        String header = "AWS3 AWSAccessKeyId=" + KEY + ",Algorithm=HmacSHA256,SignedHeaders=Date;Host,Signature="
                + hmacBase64("HmacSHA256", sha256(toSign));
        assertThatThrownBy(() -> VERIFIER.verify(request(header, Map.of()), params()))
                .isInstanceOfSatisfying(SesException.class, e -> assertThat(e.code()).isEqualTo("SignatureDoesNotMatch"));
    }

    @Test
    void errors() {
        String good = TestSigning.aws3Https(KEY, SECRET, "HmacSHA256", DATE);
        assertThatThrownBy(() -> VERIFIER.verify(request("AWS3-HTTPS AWSAccessKeyId=" + KEY, Map.of()), params()))
                .isInstanceOfSatisfying(SesException.class, e -> assertThat(e.code()).isEqualTo("IncompleteSignature"));
        assertThatThrownBy(() -> VERIFIER.verify(request(good.replace(KEY, "AKIAOTHER"), Map.of()), params()))
                .isInstanceOfSatisfying(SesException.class, e -> assertThat(e.code()).isEqualTo("InvalidClientTokenId"));
        assertThatThrownBy(() -> verifierAt(SIGNED.plus(Duration.ofMinutes(16))).verify(request(good, Map.of()), params()))
                .isInstanceOfSatisfying(SesException.class, e -> assertThat(e.code()).isEqualTo("RequestExpired"));
        assertThatThrownBy(() -> VERIFIER.verify(request(good.replace("HmacSHA256", "HmacMD5"), Map.of()), params()))
                .isInstanceOfSatisfying(SesException.class, e -> assertThat(e.code()).isEqualTo("IncompleteSignature"));
    }
}
