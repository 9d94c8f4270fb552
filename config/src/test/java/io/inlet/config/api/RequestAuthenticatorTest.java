package io.inlet.config.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestAuthenticatorTest {

    static final RequestAuthenticator AUTH = RequestAuthenticator.create(
            CredentialsRegistry.of(new ApiCredentials("AKIAK", "s", "123456789012")),
            ApiServerSettings.defaults("127.0.0.1", 0, "us-east-1"), Clock.systemUTC());

    static void assertCode(Map<String, List<String>> headers, Map<String, String> params, String code) {
        RawHttpRequest request = new RawHttpRequest("POST", "/", null, headers, null);
        assertThatThrownBy(() -> AUTH.authenticate(request, params))
                .isInstanceOfSatisfying(SesException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void nothingIsOpen() {
        assertCode(Map.of(), Map.of("Action", "ListReceiptFilters"), "MissingAuthenticationToken");
    }

    @Test
    void retiredSignatureVersionsAreInvalidClientTokenId() {
        assertCode(Map.of("X-Amzn-Authorization", List.of("AWS3-HTTPS AWSAccessKeyId=AKIAK,Signature=x")), Map.of(),
                "InvalidClientTokenId");
        assertCode(Map.of(), Map.of("AWSAccessKeyId", "AKIAK", "Signature", "x", "SignatureVersion", "2"),
                "InvalidClientTokenId");
    }

    @Test
    void otherAuthorizationSchemesAreIncompleteSignature() {
        assertCode(Map.of("Authorization", List.of("Basic dXNlcjpwYXNz")), Map.of(), "IncompleteSignature");
    }
}
