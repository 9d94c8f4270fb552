package io.inlet.actions.s3;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3SettingsTest {

    @Test
    void defaultsAreTheEmbeddedStoreWithoutBuckets() {
        assertThat(S3Settings.parse(S3Settings.DEFAULTS))
                .isEqualTo(new S3Settings(S3Settings.Backend.EMBEDDED, Optional.empty(), "us-east-1", false, List.of()));
        assertThat(S3Settings.parse(Map.of())).isEqualTo(S3Settings.parse(S3Settings.DEFAULTS));
    }

    @Test
    void anAwsBackendWithAnEndpoint() {
        S3Settings settings = S3Settings.parse(Map.of(
                "actions.s3.backend", "aws",
                "actions.s3.endpoint", " http://127.0.0.1:9000 ",
                "actions.s3.region", "eu-west-1",
                "actions.s3.path-style", "true",
                "actions.s3.buckets", "a-1, b-2"));

        assertThat(settings).isEqualTo(new S3Settings(S3Settings.Backend.AWS, Optional.of(URI.create("http://127.0.0.1:9000")),
                "eu-west-1", true, List.of("a-1", "b-2")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "actions.s3.backend|s3|actions.s3.backend: 's3' must be one of embedded, aws",
            "actions.s3.endpoint|localhost:9000|actions.s3.endpoint: 'localhost:9000' must be an http:// or https:// URL with a host, or empty for AWS",
            "actions.s3.endpoint|ftp://host/|actions.s3.endpoint: 'ftp://host/' must be an http:// or https:// URL with a host, or empty for AWS",
            "actions.s3.endpoint|http://bad host|actions.s3.endpoint: 'http://bad host' must be an http:// or https:// URL with a host, or empty for AWS",
            "actions.s3.region|us east|actions.s3.region: 'us east' must be a region name such as us-east-1",
            "actions.s3.path-style|yes|actions.s3.path-style: 'yes' must be true or false",
            "actions.s3.buckets|ok-bucket,x|actions.s3.buckets: 'x' is not a valid S3 bucket name",
            "actions.s3.kms-endpoint|localhost:4566|actions.s3.kms-endpoint: 'localhost:4566' must be an http:// or https:// URL with a host, or empty for AWS KMS",
            "actions.s3.kms-region|eu west|actions.s3.kms-region: 'eu west' must be a region name such as us-east-1, or empty for the key ARN's region",
    })
    void aBadValueNamesItsKey(String key, String value, String message) {
        assertThatThrownBy(() -> S3Settings.parse(Map.of(key, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void kmsSettings() {
        S3Settings settings = S3Settings.parse(Map.of(
                "actions.s3.kms-endpoint", " http://127.0.0.1:4566 ",
                "actions.s3.kms-region", "eu-central-1"));

        assertThat(settings.kmsEndpoint()).contains(URI.create("http://127.0.0.1:4566"));
        assertThat(settings.kmsRegion()).contains("eu-central-1");
    }

    /** KmsKeyArn works with AWS KMS on the aws backend, and with any backend once a KMS endpoint is set. */
    @Test
    void kmsIsAvailableWithAnEndpointOrTheAwsBackend() {
        assertThat(S3Settings.parse(Map.of()).kmsAvailable()).isFalse();
        assertThat(S3Settings.parse(Map.of("actions.s3.kms-region", "us-east-1")).kmsAvailable()).isFalse();
        assertThat(S3Settings.parse(Map.of("actions.s3.kms-endpoint", "http://127.0.0.1:4566")).kmsAvailable()).isTrue();
        assertThat(S3Settings.parse(Map.of("actions.s3.backend", "aws")).kmsAvailable()).isTrue();
    }

    @Test
    void anEmptyRegionIsRefused() {
        assertThatThrownBy(() -> S3Settings.parse(Map.of("actions.s3.region", "")))
                .hasMessage("actions.s3.region: '' must be a region name such as us-east-1");
    }
}
