package io.inlet.config.api;

import static io.inlet.config.api.TestSigning.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.inlet.config.store.Scope;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.AlreadyExistsException;
import software.amazon.awssdk.services.ses.model.DescribeActiveReceiptRuleSetResponse;

/** The real server on an ephemeral port, driven by the AWS SDK and by raw HTTP. */
class QueryApiServerTest {

    static final String KEY_ID = "AKIAINLETTEST0000001";
    static final String SECRET = "inlet/test+secret/key/0000000000000000000";
    static final String ACCOUNT = "123456789012";
    static final String OTHER_KEY_ID = "AKIAINLETTEST0000002";
    static final String OTHER_SECRET = "another-secret";
    static final String OTHER_ACCOUNT = "210987654321";
    static final String DEFAULT_REGION = "eu-west-1";
    static final long BODY_LIMIT = 64 * 1024;

    static final AtomicReference<ApiRequest> lastRequest = new AtomicReference<>();
    static Vertx vertx;
    static QueryApiServer server;
    static QueryApiServer legacyServer;
    static int port;
    static int legacyPort;
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void startServers() {
        vertx = Vertx.vertx();
        CredentialsRegistry keys = CredentialsRegistry.of(new ApiCredentials(KEY_ID, SECRET, ACCOUNT),
                new ApiCredentials(OTHER_KEY_ID, OTHER_SECRET, OTHER_ACCOUNT));
        server = new QueryApiServer(vertx, new ApiServerSettings("127.0.0.1", 0, false, DEFAULT_REGION, BODY_LIMIT),
                keys, operations(), Clock.systemUTC());
        port = server.start();
        legacyServer = new QueryApiServer(vertx, new ApiServerSettings("127.0.0.1", 0, true, DEFAULT_REGION, BODY_LIMIT),
                keys, operations(), Clock.systemUTC());
        legacyPort = legacyServer.start();
    }

    @AfterAll
    static void stopServers() {
        server.stop();
        legacyServer.stop();
        vertx.close().await();
    }

    @BeforeEach
    void reset() {
        lastRequest.set(null);
    }

    static Map<String, ApiOperation> operations() {
        return Map.of(
                "ListReceiptFilters", (request, result) -> {
                    lastRequest.set(request);
                    result.empty("Filters");
                },
                "DescribeActiveReceiptRuleSet", (request, result) -> lastRequest.set(request),
                "CreateReceiptRuleSet", (request, result) -> {
                    throw SesException.alreadyExists("Rule set already exists: " + request.params().get("RuleSetName"));
                },
                "VerifyEmailAddress", ApiOperation.withoutResult((request, result) -> lastRequest.set(request)),
                "DeleteReceiptRuleSet", (request, result) -> {
                    throw new IllegalStateException("database password is hunter2");
                });
    }

    static SesClient sdk(String keyId, String secret) {
        return SesClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    static HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest signedPost(String body) {
        return TestSigning.signedPost(port, body, KEY_ID, SECRET, "us-west-2", Clock.systemUTC());
    }

    static HttpRequest unsignedPost(int targetPort, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + targetPort + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Asserts the SES error envelope and returns it. */
    static XmlDoc assertError(HttpResponse<String> response, int status, String type, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/xml"));
        XmlDoc xml = XmlDoc.parse(response.body());
        assertThat(xml.root().getLocalName()).isEqualTo("ErrorResponse");
        assertThat(xml.root().getNamespaceURI()).isEqualTo(ResponseEnvelopes.NAMESPACE);
        assertThat(xml.text("Type")).isEqualTo(type);
        assertThat(xml.text("Code")).isEqualTo(code);
        assertThat(xml.text("RequestId")).isNotBlank();
        assertThat(response.headers().firstValue("x-amzn-RequestId")).contains(xml.text("RequestId"));
        return xml;
    }

    // --- the AWS SDK -------------------------------------------------------------------------

    @Test
    void sdkCallSucceedsAndTheOperationSeesRegionAndAccount() {
        try (SesClient ses = sdk(KEY_ID, SECRET)) {
            assertThat(ses.listReceiptFilters().filters()).isEmpty();
        }
        ApiRequest seen = lastRequest.get();
        assertThat(seen.action()).isEqualTo("ListReceiptFilters");
        assertThat(seen.scope()).isEqualTo(new Scope(ACCOUNT, "us-west-2"));
        assertThat(seen.params().get("Version")).isEqualTo("2010-12-01");
        assertThat(seen.requestId()).isNotBlank();
    }

    @Test
    void eachAccessKeySelectsItsOwnAccount() {
        try (SesClient ses = sdk(OTHER_KEY_ID, OTHER_SECRET)) {
            ses.listReceiptFilters();
        }
        assertThat(lastRequest.get().scope()).isEqualTo(new Scope(OTHER_ACCOUNT, "us-west-2"));
    }

    @Test
    void sdkMapsTheErrorEnvelopeToTheModeledException() {
        try (SesClient ses = sdk(KEY_ID, SECRET)) {
            assertThatThrownBy(() -> ses.createReceiptRuleSet(r -> r.ruleSetName("x")))
                    .isInstanceOfSatisfying(AlreadyExistsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AlreadyExists");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rule set already exists: x");
                        assertThat(e.requestId()).isNotBlank();
                    });
        }
    }

    @Test
    void sdkParsesAnEmptyResultAndAnOperationWithoutResult() {
        try (SesClient ses = sdk(KEY_ID, SECRET)) {
            DescribeActiveReceiptRuleSetResponse active = ses.describeActiveReceiptRuleSet(r -> { });
            assertThat(active.metadata()).isNull();
            assertThat(active.rules()).isEmpty();
            ses.verifyEmailAddress(r -> r.emailAddress("a@example.com"));
        }
        assertThat(lastRequest.get().params().get("EmailAddress")).isEqualTo("a@example.com");
    }

    @Test
    void envelopeHasResultElementUnlessTheOperationHasNoOutput() throws Exception {
        HttpResponse<String> empty = send(signedPost("Action=DescribeActiveReceiptRuleSet&Version=2010-12-01"));
        assertThat(empty.statusCode()).isEqualTo(200);
        XmlDoc xml = XmlDoc.parse(empty.body());
        assertThat(xml.root().getLocalName()).isEqualTo("DescribeActiveReceiptRuleSetResponse");
        assertThat(xml.root().getNamespaceURI()).isEqualTo(ResponseEnvelopes.NAMESPACE);
        assertThat(xml.has("DescribeActiveReceiptRuleSetResult")).isTrue();
        assertThat(xml.text("RequestId")).isEqualTo(empty.headers().firstValue("x-amzn-RequestId").orElseThrow());

        HttpResponse<String> none = send(signedPost("Action=VerifyEmailAddress&Version=2010-12-01&EmailAddress=a%40b.c"));
        assertThat(none.statusCode()).isEqualTo(200);
        XmlDoc noResult = XmlDoc.parse(none.body());
        assertThat(noResult.root().getLocalName()).isEqualTo("VerifyEmailAddressResponse");
        assertThat(noResult.has("VerifyEmailAddressResult")).isFalse();
        assertThat(noResult.has("ResponseMetadata")).isTrue();
    }

    // --- authentication ------------------------------------------------------------------------

    @Test
    void wrongSecretIsSignatureDoesNotMatch() {
        try (SesClient ses = sdk(KEY_ID, "not-the-secret")) {
            assertThatThrownBy(ses::listReceiptFilters)
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                    });
        }
        assertThat(lastRequest.get()).isNull();
    }

    @Test
    void unknownKeyIsInvalidClientTokenId() {
        try (SesClient ses = sdk("AKIAUNKNOWN000000000", SECRET)) {
            assertThatThrownBy(ses::listReceiptFilters)
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("The security token included in the request is invalid.");
                    });
        }
    }

    @Test
    void unsignedRequestIsMissingAuthenticationTokenEvenForAnUnknownAction() throws Exception {
        XmlDoc xml = assertError(send(unsignedPost(port, "Action=ListReceiptFilters&Version=2010-12-01")),
                403, "Sender", "MissingAuthenticationToken");
        assertThat(xml.text("Message")).isEqualTo("Request is missing Authentication Token");
        assertError(send(unsignedPost(port, "Action=NoSuchThing")), 403, "Sender", "MissingAuthenticationToken");
        assertThat(lastRequest.get()).isNull();
    }

    @Test
    void signatureTwentyMinutesOldIsRequestExpired() throws Exception {
        Clock past = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-20));
        HttpRequest request = TestSigning.signedPost(port, "Action=ListReceiptFilters&Version=2010-12-01",
                KEY_ID, SECRET, "us-west-2", past);
        XmlDoc xml = assertError(send(request), 400, "Sender", "RequestExpired");
        assertThat(xml.text("Message")).startsWith("Signature expired:");
        assertThat(lastRequest.get()).isNull();
    }

    @Test
    void signatureTwentyMinutesAheadIsRequestExpired() throws Exception {
        Clock future = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(20));
        HttpRequest request = TestSigning.signedPost(port, "Action=ListReceiptFilters&Version=2010-12-01",
                KEY_ID, SECRET, "us-west-2", future);
        assertError(send(request), 400, "Sender", "RequestExpired");
    }

    @Test
    void malformedAuthorizationHeaderIsIncompleteSignature() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + KEY_ID + "/20240101/us-west-2/ses/aws4_request")
                .POST(HttpRequest.BodyPublishers.ofString("Action=ListReceiptFilters")).build();
        XmlDoc xml = assertError(send(request), 403, "Sender", "IncompleteSignature");
        assertThat(xml.text("Message")).contains("'Signature'").contains("'SignedHeaders'");
    }

    @Test
    void tamperedBodyFailsTheSignature() throws Exception {
        HttpRequest signed = signedPost("Action=ListReceiptFilters&Version=2010-12-01");
        HttpRequest.Builder tampered = HttpRequest.newBuilder(signed.uri());
        signed.headers().map().forEach((name, values) -> values.forEach(v -> tampered.header(name, v)));
        tampered.POST(HttpRequest.BodyPublishers.ofString("Action=DescribeActiveReceiptRuleSet&Version=2010-12-01"));
        assertError(send(tampered.build()), 403, "Sender", "SignatureDoesNotMatch");
        assertThat(lastRequest.get()).isNull();
    }

    @Test
    void signedGetWithQueryStringWorks() throws Exception {
        HttpRequest get = TestSigning.signedGet(port, params("Action", "ListReceiptFilters", "Version", "2010-12-01",
                "Odd", "a b+c/d=e&f~*"), KEY_ID, SECRET, "ap-south-1", Clock.systemUTC(), false);
        HttpResponse<String> response = send(get);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(XmlDoc.parse(response.body()).has("Filters")).isTrue();
        assertThat(lastRequest.get().scope()).isEqualTo(new Scope(ACCOUNT, "ap-south-1"));
        assertThat(lastRequest.get().params().get("Odd")).isEqualTo("a b+c/d=e&f~*");
    }

    @Test
    void presignedGetWorks() throws Exception {
        HttpRequest get = TestSigning.signedGet(port, params("Action", "ListReceiptFilters", "Version", "2010-12-01"),
                KEY_ID, SECRET, "us-east-2", Clock.systemUTC(), true);
        assertThat(get.uri().getRawQuery()).contains("X-Amz-Signature=");
        HttpResponse<String> response = send(get);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(lastRequest.get().scope()).isEqualTo(new Scope(ACCOUNT, "us-east-2"));
    }

    @Test
    void presignedGetWithAlteredParameterFails() throws Exception {
        HttpRequest get = TestSigning.signedGet(port, params("Action", "ListReceiptFilters", "Version", "2010-12-01"),
                KEY_ID, SECRET, "us-east-2", Clock.systemUTC(), true);
        URI altered = URI.create(get.uri().toString().replace("Action=ListReceiptFilters", "Action=DescribeActiveReceiptRuleSet"));
        assertError(send(HttpRequest.newBuilder(altered).GET().build()), 403, "Sender", "SignatureDoesNotMatch");
    }

    // --- actions and versions ------------------------------------------------------------------

    @Test
    void unknownActionIsInvalidAction() throws Exception {
        XmlDoc xml = assertError(send(signedPost("Action=NoSuchThing&Version=2010-12-01")), 400, "Sender", "InvalidAction");
        assertThat(xml.text("Message")).isEqualTo("The action NoSuchThing is not valid for this web service.");
    }

    @Test
    void missingActionIsMissingAction() throws Exception {
        XmlDoc xml = assertError(send(signedPost("Version=2010-12-01")), 400, "Sender", "MissingAction");
        assertThat(xml.text("Message")).isEqualTo("Missing Action");
    }

    @Test
    void otherVersionIsNoSuchVersionButAbsentVersionIsTolerated() throws Exception {
        XmlDoc xml = assertError(send(signedPost("Action=ListReceiptFilters&Version=2019-09-27")),
                400, "Sender", "NoSuchVersion");
        assertThat(xml.text("Message")).contains("(2019-09-27)");
        assertThat(send(signedPost("Action=ListReceiptFilters")).statusCode()).isEqualTo(200);
    }

    @Test
    void unexpectedExceptionIsInternalFailureWithoutDetails() throws Exception {
        HttpResponse<String> response = send(signedPost("Action=DeleteReceiptRuleSet&Version=2010-12-01&RuleSetName=x"));
        XmlDoc xml = assertError(response, 500, "Receiver", "InternalFailure");
        assertThat(xml.text("Message"))
                .isEqualTo("The request processing has failed because of an unknown error, exception or failure.");
        assertThat(response.body()).doesNotContain("hunter2").doesNotContain("IllegalStateException")
                .doesNotContain("at io.");
    }

    // --- malformed input and routing ----------------------------------------------------------

    @Test
    void garbageBodyIsAnXmlErrorAndTheServerKeepsServing() throws Exception {
        XmlDoc xml = assertError(send(unsignedPost(port, "%zz&&==")), 400, "Sender", "InvalidQueryParameter");
        assertThat(xml.text("Message")).contains("malformed");
        assertError(send(unsignedPost(port, "Action=%C3%28")), 400, "Sender", "InvalidQueryParameter");
        assertError(send(unsignedPost(port, "Action=List%2")), 400, "Sender", "InvalidQueryParameter");
        try (SesClient ses = sdk(KEY_ID, SECRET)) {
            assertThat(ses.listReceiptFilters().filters()).isEmpty();
        }
    }

    @Test
    void unknownPathIsAnXmlNotFound() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/nope%3Cx%3E"))
                .GET().build());
        XmlDoc xml = assertError(response, 404, "Sender", "NotFound");
        assertThat(xml.text("Message")).contains("/nope");
    }

    @Test
    void otherComponentsCanMountRoutesOnTheSamePort() throws Exception {
        server.router().get("/test-health").handler(ctx -> ctx.response().end("ok"));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/test-health"))
                .GET().build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
    }

    @Test
    void expectContinueIsAnswered() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(signedPost("Action=ListReceiptFilters&Version=2010-12-01"), (n, v) -> true)
                .expectContinue(true).build();
        assertThat(send(request).statusCode()).isEqualTo(200);
    }

    @Test
    void otherMethodIsAnXmlError() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .PUT(HttpRequest.BodyPublishers.ofString("Action=ListReceiptFilters")).build());
        assertError(response, 405, "Sender", "MethodNotAllowed");
    }

    @Test
    void oversizedBodyIsAnXml413() throws Exception {
        String body = "Action=ListReceiptFilters&Pad=" + "a".repeat((int) BODY_LIMIT);
        assertError(send(unsignedPost(port, body)), 413, "Sender", "RequestEntityTooLarge");
        assertThat(send(signedPost("Action=ListReceiptFilters")).statusCode()).isEqualTo(200);
    }

    // --- legacy AWS3 ---------------------------------------------------------------------------

    static HttpRequest aws3Post(int targetPort, String authorization, String date) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + targetPort + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Date", date)
                .header("X-Amzn-Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString("Action=ListReceiptFilters&Version=2010-12-01")).build();
    }

    static String httpDateNow() {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
    }

    @Test
    void aws3HttpsIsAcceptedWhenEnabled() throws Exception {
        String date = httpDateNow();
        for (String algorithm : new String[] {"HmacSHA256", "HmacSHA1"}) {
            lastRequest.set(null);
            HttpResponse<String> response = send(aws3Post(legacyPort,
                    TestSigning.aws3Https(KEY_ID, SECRET, algorithm, date), date));
            assertThat(response.statusCode()).as(algorithm + ": " + response.body()).isEqualTo(200);
            assertThat(lastRequest.get().scope()).isEqualTo(new Scope(ACCOUNT, DEFAULT_REGION));
        }
    }

    @Test
    void aws3HttpsWithWrongSecretIsSignatureDoesNotMatch() throws Exception {
        String date = httpDateNow();
        assertError(send(aws3Post(legacyPort, TestSigning.aws3Https(KEY_ID, "wrong", "HmacSHA256", date), date)),
                403, "Sender", "SignatureDoesNotMatch");
    }

    @Test
    void aws3HttpsIsRefusedWhenDisabled() throws Exception {
        String date = httpDateNow();
        XmlDoc xml = assertError(send(aws3Post(port, TestSigning.aws3Https(KEY_ID, SECRET, "HmacSHA256", date), date)),
                403, "Sender", "InvalidClientTokenId");
        assertThat(xml.text("Message")).isEqualTo("The security token included in the request is invalid.");
        assertThat(lastRequest.get()).isNull();
    }
}
