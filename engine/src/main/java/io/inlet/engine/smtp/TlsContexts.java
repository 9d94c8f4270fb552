package io.inlet.engine.smtp;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.Enumeration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the server {@link SSLContext} for STARTTLS from {@link TlsCredentials}, with JDK classes
 * only (no Bouncy Castle): PEM certificates through {@link CertificateFactory}, a PKCS#8 key
 * through {@link KeyFactory}, or a PKCS#12 store. Configuration errors fail at start with a
 * message that says what to fix, not at the first handshake.
 */
final class TlsContexts {

    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    private static final char[] IN_MEMORY_PASSWORD = "inlet".toCharArray();
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "EdDSA", "RSASSA-PSS"};

    private TlsContexts() {
    }

    static SSLContext create(TlsCredentials credentials) {
        try {
            KeyStore store;
            char[] password;
            if (credentials instanceof TlsCredentials.Pkcs12 p12) {
                password = p12.password().toCharArray();
                store = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(p12.keystore())) {
                    store.load(in, password);
                }
                requireKeyEntry(store, p12.keystore());
            } else {
                TlsCredentials.Pem pem = (TlsCredentials.Pem) credentials;
                password = IN_MEMORY_PASSWORD;
                store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("inlet", readPrivateKey(pem.privateKey()), password,
                        readCertificates(pem.certificateChain()));
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot load the TLS credentials " + credentials + ": " + e.getMessage(), e);
        }
    }

    private static void requireKeyEntry(KeyStore store, Path file) throws GeneralSecurityException {
        Enumeration<String> aliases = store.aliases();
        while (aliases.hasMoreElements()) {
            if (store.isKeyEntry(aliases.nextElement())) {
                return;
            }
        }
        throw new GeneralSecurityException(file + " holds no private key entry");
    }

    static Certificate[] readCertificates(Path file) throws IOException, GeneralSecurityException {
        byte[] pem = Files.readAllBytes(file);
        Collection<? extends Certificate> chain =
                CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem));
        if (chain.isEmpty()) {
            throw new GeneralSecurityException(file + " holds no certificate");
        }
        return chain.toArray(new Certificate[0]);
    }

    static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        Matcher block = PEM_BLOCK.matcher(text);
        while (block.find()) {
            String type = block.group(1);
            if (type.equals("PRIVATE KEY")) {
                return pkcs8(Base64.getMimeDecoder().decode(block.group(2)), file);
            }
            if (type.endsWith("PRIVATE KEY")) {
                // RSA/EC (PKCS#1/SEC1) or encrypted keys need more than the JDK offers
                throw new GeneralSecurityException(file + " holds a '" + type + "'; convert it to unencrypted PKCS#8 with "
                        + "'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem'");
            }
        }
        throw new GeneralSecurityException(file + " holds no PEM 'PRIVATE KEY' block");
    }

    private static PrivateKey pkcs8(byte[] der, Path file) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException notThisOne) {
                // the next algorithm may fit; PKCS#8 names it, but the JDK has no parser for that alone
            }
        }
        throw new GeneralSecurityException(file + ": unsupported private key algorithm (RSA, EC or Ed25519 expected)");
    }
}
