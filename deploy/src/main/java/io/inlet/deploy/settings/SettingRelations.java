package io.inlet.deploy.settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rules across keys, checked once for {@code serve} (before anything starts) and for
 * {@code config check}: pairs that must be set together, alternatives, files that must be readable.
 */
public final class SettingRelations {
    private SettingRelations() {
    }

    public static List<String> problems(Settings s) {
        List<String> problems = new ArrayList<>();
        if (s.get(SettingKeys.ACCESS_KEY_ID).isEmpty() != s.get(SettingKeys.SECRET_ACCESS_KEY).isEmpty()) {
            problems.add("access-key-id and secret-access-key must be set together");
        }
        String cert = s.get(SettingKeys.SMTP_TLS_CERTIFICATE);
        String key = s.get(SettingKeys.SMTP_TLS_PRIVATE_KEY);
        String keystore = s.get(SettingKeys.SMTP_TLS_KEYSTORE);
        if (!keystore.isEmpty() && (!cert.isEmpty() || !key.isEmpty())) {
            problems.add("smtp.tls.keystore and smtp.tls.certificate/private-key are alternatives: set one");
        } else if (cert.isEmpty() != key.isEmpty()) {
            problems.add("smtp.tls.certificate and smtp.tls.private-key must be set together");
        }
        for (SettingDefinition<String> file : List.of(SettingKeys.SMTP_TLS_CERTIFICATE,
                SettingKeys.SMTP_TLS_PRIVATE_KEY, SettingKeys.SMTP_TLS_KEYSTORE)) {
            String path = s.get(file);
            if (!path.isEmpty() && !Files.isReadable(Path.of(path))) {
                problems.add(file.name() + " (from " + s.origin(file) + "): '" + path + "' cannot be read (by this user)");
            }
        }
        return problems;
    }

    /** Throws one {@link SettingsException} naming every problem, if there is any. */
    public static void require(Settings s) {
        List<String> problems = problems(s);
        if (!problems.isEmpty()) {
            throw new SettingsException("invalid configuration:\n  " + String.join("\n  ", problems));
        }
    }
}
