package io.inlet.deploy.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsLoaderTest {
    @TempDir
    Path dir;

    @Test
    void embeddedDefaults() {
        Settings s = SettingsLoader.load(null, Map.of(), Map.of());
        assertThat(s.get(SettingKeys.DATA_DIR)).isEqualTo(Path.of("./data"));
        assertThat(s.get(SettingKeys.API_PORT)).isEqualTo(8787);
        assertThat(s.get(SettingKeys.API_HOST)).isEqualTo("127.0.0.1");
        assertThat(s.get(SettingKeys.SMTP_PORT)).isEqualTo(2525);
        assertThat(s.get(SettingKeys.ACTIONS_VALIDATION)).isEqualTo("strict");
        assertThat(s.get(SettingKeys.API_LEGACY_AWS3)).isFalse();
        assertThat(s.origin(SettingKeys.API_PORT)).isEqualTo("default");
    }

    @Test
    void flagBeatsEnvironmentBeatsFileBeatsDefault() throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "api:\n  port: 1001\n  host: 0.0.0.0\nsmtp.port: 2001\ndns:\n  resolvers: [127.0.0.1:5353, 10.0.0.1]\n  timeout: 500ms\n");
        Settings s = SettingsLoader.load(file, Map.of("INLET_API_PORT", "1002", "INLET_SMTP_PORT", "2002", "UNRELATED", "x"),
                Map.of("api.port", "1003"));
        assertThat(s.get(SettingKeys.API_PORT)).isEqualTo(1003);
        assertThat(s.origin(SettingKeys.API_PORT)).isEqualTo("flag --api-port");
        assertThat(s.get(SettingKeys.SMTP_PORT)).isEqualTo(2002);
        assertThat(s.origin(SettingKeys.SMTP_PORT)).isEqualTo("environment INLET_SMTP_PORT");
        assertThat(s.get(SettingKeys.API_HOST)).isEqualTo("0.0.0.0");
        assertThat(s.get(SettingKeys.DNS_RESOLVERS)).containsExactly("127.0.0.1:5353", "10.0.0.1");
        assertThat(s.get(SettingKeys.DNS_TIMEOUT)).isEqualTo(Duration.ofMillis(500));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "api.port|INLET_API_PORT",
            "data-dir|INLET_DATA_DIR",
            "access-key-id|INLET_ACCESS_KEY_ID",
            "secret-access-key|INLET_SECRET_ACCESS_KEY",
            "api.legacy-aws3-signing|INLET_API_LEGACY_AWS3_SIGNING",
            "limits.rules-per-set|INLET_LIMITS_RULES_PER_SET"})
    void environmentVariableNamesFollowTheRule(String key, String variable) {
        assertThat(SettingKeys.ALL).filteredOn(k -> k.name().equals(key))
                .singleElement().extracting(SettingDefinition::environmentVariable).isEqualTo(variable);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "INLET_API_PORT|http|api.port (from environment INLET_API_PORT): 'http' is not a port number",
            "INLET_SMTP_PORT|70000|smtp.port (from environment INLET_SMTP_PORT): '70000' is not a port number (0-65535)",
            "INLET_ACCOUNT_ID|12|account-id (from environment INLET_ACCOUNT_ID): '12' is not a 12-digit account id",
            "INLET_DNS_TIMEOUT|soon|dns.timeout (from environment INLET_DNS_TIMEOUT): 'soon' is not a duration",
            "INLET_LIMITS_FILTERS|0|limits.filters (from environment INLET_LIMITS_FILTERS): '0' must be at least 1",
            "INLET_IDENTITIES_VERIFICATION|manual|identities.verification (from environment INLET_IDENTITIES_VERIFICATION): 'manual' must be one of auto, dns",
            "INLET_API_LEGACY_AWS3_SIGNING|maybe|'maybe' is not a boolean"})
    void invalidValuesAreNamed(String variable, String value, String message) {
        assertThatThrownBy(() -> SettingsLoader.load(null, Map.of(variable, value), Map.of()))
                .isInstanceOf(SettingsException.class).hasMessageContaining(message);
    }

    @Test
    void unknownKeysAndBrokenFilesAreRefused() throws Exception {
        Path unknown = dir.resolve("u.yaml");
        Files.writeString(unknown, "api:\n  prot: 1\nfoo: bar\n");
        assertThatThrownBy(() -> SettingsLoader.load(unknown, Map.of(), Map.of()))
                .hasMessageContaining("unknown key 'api.prot'").hasMessageContaining("unknown key 'foo'");

        Path broken = dir.resolve("b.yaml");
        Files.writeString(broken, "api: [unclosed\n");
        assertThatThrownBy(() -> SettingsLoader.load(broken, Map.of(), Map.of())).hasMessageContaining("is not valid YAML");

        Path scalar = dir.resolve("s.yaml");
        Files.writeString(scalar, "just text\n");
        assertThatThrownBy(() -> SettingsLoader.load(scalar, Map.of(), Map.of())).hasMessageContaining("must hold a mapping");

        assertThatThrownBy(() -> SettingsLoader.load(dir.resolve("missing.yaml"), Map.of(), Map.of()))
                .hasMessageContaining("cannot be read");
    }

    @Test
    void secretsAreMaskedWhenDescribed() {
        Settings s = SettingsLoader.load(null, Map.of("INLET_SECRET_ACCESS_KEY", "s3cr3t"), Map.of());
        List<String> lines = s.describe();
        assertThat(lines).anyMatch(l -> l.startsWith("secret-access-key: ********"));
        assertThat(String.join("\n", lines)).doesNotContain("s3cr3t");
    }
}
