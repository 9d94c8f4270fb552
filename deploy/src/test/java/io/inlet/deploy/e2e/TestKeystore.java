package io.inlet.deploy.e2e;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PKCS#12 keystore made at test time with the JDK's {@code keytool} (self-signed RSA, names
 * mx.inlet.test, localhost and 127.0.0.1), and a client {@link SSLContext} trusting exactly it.
 */
final class TestKeystore {

    static final String PASSWORD = "inlet-e2e-keystore";

    final Path file;
    private final Certificate certificate;

    private TestKeystore(Path file, Certificate certificate) {
        this.file = file;
        this.certificate = certificate;
    }

    static TestKeystore create(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
        Path file = dir.resolve("smtp-tls.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair",
                "-alias", "mx", "-keyalg", "RSA", "-keysize", "2048", "-validity", "7",
                "-dname", "CN=mx.inlet.test", "-ext", "SAN=dns:mx.inlet.test,dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return new TestKeystore(file, store.getCertificate("mx"));
    }

    /** A TLS client context that trusts this certificate only. */
    SSLContext clientContext() throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("mx", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
