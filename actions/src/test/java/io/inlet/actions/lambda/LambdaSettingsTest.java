package io.inlet.actions.lambda;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LambdaSettingsTest {

    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:on-mail";

    @Test
    void defaultsAreTheEmbeddedBackendWithoutFunctions() {
        assertThat(LambdaSettings.parse(LambdaSettings.DEFAULTS)).isEqualTo(new LambdaSettings(
                LambdaSettings.Backend.EMBEDDED, Map.of(), Optional.empty(), "", Duration.ofSeconds(30)));
        assertThat(LambdaSettings.parse(Map.of())).isEqualTo(LambdaSettings.parse(LambdaSettings.DEFAULTS));
    }

    @Test
    void functionsMapArnsAndNamesToUrls() {
        LambdaSettings settings = LambdaSettings.parse(Map.of("actions.lambda.functions",
                " " + ARN + "=http://127.0.0.1:8080/hook?a=b , other_fn-2=https://fn.example/x,"));

        assertThat(settings.functions()).containsExactly(
                Map.entry(ARN, URI.create("http://127.0.0.1:8080/hook?a=b")),
                Map.entry("other_fn-2", URI.create("https://fn.example/x")));
    }

    @Test
    void anAwsBackend() {
        LambdaSettings settings = LambdaSettings.parse(Map.of(
                "actions.lambda.backend", "aws",
                "actions.lambda.endpoint", "http://127.0.0.1:4566",
                "actions.lambda.region", "eu-west-1",
                "actions.lambda.timeout", "PT2M"));

        assertThat(settings).isEqualTo(new LambdaSettings(LambdaSettings.Backend.AWS, Map.of(),
                Optional.of(URI.create("http://127.0.0.1:4566")), "eu-west-1", Duration.ofMinutes(2)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "actions.lambda.backend|lambda|actions.lambda.backend: 'lambda' must be one of embedded, aws",
            "actions.lambda.functions|on-mail|actions.lambda.functions: 'on-mail' must be FUNCTION=URL (a function ARN or name, then an http(s) URL)",
            "actions.lambda.functions|on mail=http://h/|actions.lambda.functions: 'on mail' is neither a Lambda function ARN nor a function name",
            "actions.lambda.functions|f=localhost:80|actions.lambda.functions: 'localhost:80' must be an http:// or https:// URL with a host",
            "actions.lambda.functions|f=http://a/,f=http://b/|actions.lambda.functions: 'f' is mapped twice",
            "actions.lambda.endpoint|ftp://h/|actions.lambda.endpoint: 'ftp://h/' must be an http:// or https:// URL with a host, or empty for AWS",
            "actions.lambda.region|us east|actions.lambda.region: 'us east' must be a region name such as us-east-1, or empty for the function ARN's region",
            "actions.lambda.timeout|soon|actions.lambda.timeout: 'soon' must be a positive duration (e.g. PT10S, P3D, 500ms, 10m)",
            "actions.lambda.timeout|PT0S|actions.lambda.timeout: 'PT0S' must be a positive duration (e.g. PT10S, P3D, 500ms, 10m)",
            "actions.lambda.timeout|-PT1S|actions.lambda.timeout: '-PT1S' must be a positive duration (e.g. PT10S, P3D, 500ms, 10m)",
    })
    void aBadValueNamesItsKey(String key, String value, String message) {
        assertThatThrownBy(() -> LambdaSettings.parse(Map.of(key, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
