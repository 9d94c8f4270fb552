package io.inlet.config.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestParametersTest {

    static RawHttpRequest post(String contentType, String body, String query) {
        Map<String, List<String>> headers = contentType == null ? Map.of() : Map.of("Content-Type", List.of(contentType));
        return new RawHttpRequest("POST", "/", query, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, String> decode(String body) {
        return RequestParameters.decode(post("application/x-www-form-urlencoded; charset=utf-8", body, null));
    }

    @Test
    void decodesFormEncoding() {
        assertThat(decode("Action=X&Rule.Name=a+b%2Bc&Empty=&Bare&&Utf=%C3%A9%E2%82%AC&Rule.Name=ignored"))
                .containsExactly(Map.entry("Action", "X"), Map.entry("Rule.Name", "a b+c"), Map.entry("Empty", ""),
                        Map.entry("Bare", ""), Map.entry("Utf", "é€"));
    }

    @Test
    void mergesQueryStringAndFormBody() {
        assertThat(RequestParameters.decode(post("application/x-www-form-urlencoded", "B=2&A=body", "A=query")))
                .containsExactly(Map.entry("A", "query"), Map.entry("B", "2"));
    }

    @Test
    void ignoresNonFormBodies() {
        assertThat(RequestParameters.decode(post("application/json", "{\"Action\":\"X\"}", null))).isEmpty();
        assertThat(RequestParameters.decode(post(null, "Action=X", null))).containsEntry("Action", "X");
    }

    @Test
    void rejectsMalformedInput() {
        for (String bad : List.of("%zz&&==", "A=%4", "A=%", "A=%C3%28", "=value", "A=%FF")) {
            assertThatThrownBy(() -> decode(bad)).as(bad)
                    .isInstanceOfSatisfying(SesException.class, e -> {
                        assertThat(e.code()).isEqualTo("InvalidQueryParameter");
                        assertThat(e.httpStatus()).isEqualTo(400);
                    });
        }
    }

    @Test
    void percentEncodingIsRfc3986() {
        assertThat(PercentCodec.encode("a b+c/~*é")).isEqualTo("a%20b%2Bc%2F~%2A%C3%A9");
        assertThat(PercentCodec.encodePath("/a b/")).isEqualTo("/a%20b/");
    }
}
