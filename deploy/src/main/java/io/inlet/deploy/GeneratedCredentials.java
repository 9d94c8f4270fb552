package io.inlet.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Properties;

/**
 * The API key pair Inlet makes for itself when none is configured, so that nothing is open by
 * default: generated once, kept in {@code <data-dir>/credentials.env} (mode 0600), in the form a
 * shell can source for the AWS CLI ({@code AWS_ACCESS_KEY_ID=…}).
 */
public final class GeneratedCredentials {
    static final String FILE_NAME = "credentials.env";
    private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public record KeyPair(String accessKeyId, String secretAccessKey, Path file, boolean created) {
    }

    private GeneratedCredentials() {
    }

    /** Reads the key pair in {@code dataDir}, creating it (0600) on first use. */
    public static KeyPair loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                Properties p = new Properties();
                try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(in);
                }
                String id = p.getProperty("AWS_ACCESS_KEY_ID");
                String secret = p.getProperty("AWS_SECRET_ACCESS_KEY");
                if (id == null || secret == null || id.isBlank() || secret.isBlank()) {
                    throw new IllegalStateException(file + " does not hold AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
                }
                return new KeyPair(id.trim(), secret.trim(), file, false);
            }
            Files.createDirectories(dataDir);
            SecureRandom random = new SecureRandom();
            String id = "AKIA" + randomText(random, KEY_ALPHABET, 16);
            String secret = randomText(random, SECRET_ALPHABET, 40);
            String text = "# Inlet API credentials, generated on first start. Keep this file private.\n"
                    + "AWS_ACCESS_KEY_ID=" + id + "\n"
                    + "AWS_SECRET_ACCESS_KEY=" + secret + "\n";
            Path tmp = dataDir.resolve(FILE_NAME + ".tmp");
            Files.deleteIfExists(tmp);
            // created with 0600 from the start, so the secret is never readable by others
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, text, StandardCharsets.UTF_8, StandardOpenOption.WRITE);
            try (var ch = java.nio.channels.FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return new KeyPair(id, secret, file, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep API credentials in " + file, e);
        }
    }

    private static String randomText(SecureRandom random, String alphabet, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
