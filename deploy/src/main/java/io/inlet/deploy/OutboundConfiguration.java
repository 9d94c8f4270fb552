package io.inlet.deploy;

import io.inlet.deploy.settings.SettingKeys;
import io.inlet.deploy.settings.Settings;
import io.inlet.deploy.settings.SettingsException;
import io.inlet.engine.outbound.OutboundSettings;
import io.inlet.engine.outbound.StartTlsPolicy;
import io.inlet.engine.verdicts.DnsSettings;

/** The outbound queue's settings from the daemon's {@code outbound.*} and {@code dns.*} keys. */
final class OutboundConfiguration {

    private OutboundConfiguration() {
    }

    static OutboundSettings from(Settings s, String hostname) {
        try {
            return OutboundSettings.builder(hostname)
                    .relayHost(s.get(SettingKeys.OUTBOUND_RELAY_HOST))
                    .relayPort(s.get(SettingKeys.OUTBOUND_RELAY_PORT))
                    .relayStarttls(StartTlsPolicy.parse(s.get(SettingKeys.OUTBOUND_RELAY_STARTTLS)))
                    .relayUsername(s.get(SettingKeys.OUTBOUND_RELAY_USERNAME))
                    .relayPassword(s.get(SettingKeys.OUTBOUND_RELAY_PASSWORD))
                    .tlsTrustAll(s.get(SettingKeys.OUTBOUND_TLS_TRUST_ALL))
                    .mxPort(s.get(SettingKeys.OUTBOUND_MX_PORT))
                    .workers(s.get(SettingKeys.OUTBOUND_WORKERS))
                    .connectTimeout(s.get(SettingKeys.OUTBOUND_CONNECT_TIMEOUT))
                    .commandTimeout(s.get(SettingKeys.OUTBOUND_COMMAND_TIMEOUT))
                    .retryInitial(s.get(SettingKeys.OUTBOUND_RETRY_INITIAL))
                    .retryMax(s.get(SettingKeys.OUTBOUND_RETRY_MAX))
                    .maxAge(s.get(SettingKeys.OUTBOUND_MAX_AGE))
                    .dns(new DnsSettings(s.get(SettingKeys.DNS_RESOLVERS), s.get(SettingKeys.DNS_TIMEOUT), 1))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new SettingsException("invalid configuration:\n  outbound: " + e.getMessage());
        }
    }
}
