package io.inlet.engine.smtp;

import java.nio.file.Path;
import java.util.Objects;

/** Where the STARTTLS certificate and key come from: PEM files or a PKCS#12 keystore. */
public sealed interface TlsCredentials permits TlsCredentials.Pem, TlsCredentials.Pkcs12 {

    static TlsCredentials pem(Path certificateChain, Path privateKey) {
        return new Pem(certificateChain, privateKey);
    }

    static TlsCredentials pkcs12(Path keystore, String password) {
        return new Pkcs12(keystore, password);
    }

    /**
     * @param certificateChain PEM certificates, the server's first, then its intermediates
     * @param privateKey       an unencrypted PKCS#8 key ({@code BEGIN PRIVATE KEY}); may be the same file
     */
    record Pem(Path certificateChain, Path privateKey) implements TlsCredentials {
        public Pem {
            Objects.requireNonNull(certificateChain, "certificateChain");
            Objects.requireNonNull(privateKey, "privateKey");
        }
    }

    /** The store's first key entry is used; its key password is the store password. */
    record Pkcs12(Path keystore, String password) implements TlsCredentials {
        public Pkcs12 {
            Objects.requireNonNull(keystore, "keystore");
            password = password == null ? "" : password;
        }

        @Override
        public String toString() {
            return "Pkcs12[keystore=" + keystore + ", password=***]"; // settings get logged
        }
    }
}
