package io.inlet.actions.workmail;

import io.inlet.actions.LoopbackPorts;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * A private Dovecot (Debian's dovecot-core + dovecot-lmtpd) for LMTP tests: a generated config in
 * a temp dir, LMTP on 127.0.0.1:&lt;free port&gt;, Maildirs under {@code <dir>/mail/<address>},
 * users from a passwd-file, CRLF kept in saved mail ({@code mail_save_crlf}) so tests can compare
 * bytes. Runs as a child process ({@code dovecot -F}); {@link #close()} stops it and removes the dir.
 *
 * <p>As root, Dovecot's helpers keep Debian's default users (dovecot, dovenull) and mail is
 * written as {@code nobody}, since Dovecot never delivers as uid 0. As another user, every
 * Dovecot user is that user.
 */
public final class PrivateDovecot implements AutoCloseable {

    private static final Path DOVECOT = Path.of("/usr/sbin/dovecot");
    private static final Path LMTP = Path.of("/usr/lib/dovecot/lmtp");

    private final Path directory;
    private final Process process;
    private final int port;

    private PrivateDovecot(Path directory, Process process, int port) {
        this.directory = directory;
        this.process = process;
        this.port = port;
    }

    /**
     * Skips the calling test class when Dovecot is not installed, or fails it when
     * {@code INLET_TEST_SERVICES_REQUIRED} is set (CI, after .ci/services/dovecot.sh).
     */
    public static void assumeInstalled() {
        boolean installed = Files.isExecutable(DOVECOT) && Files.isExecutable(LMTP);
        String message = "Dovecot with LMTP is not installed (" + DOVECOT + ", " + LMTP
                + "): run .ci/services/dovecot.sh or apt-get install dovecot-core dovecot-lmtpd";
        if (!installed && System.getenv("INLET_TEST_SERVICES_REQUIRED") != null) {
            throw new IllegalStateException(message + " (INLET_TEST_SERVICES_REQUIRED is set)");
        }
        Assumptions.assumeTrue(installed, message);
    }

    /**
     * Starts Dovecot and waits until its LMTP listener greets.
     *
     * @param users address → extra passwd-file userdb fields (e.g. {@code userdb_mail=...}), "" for none
     */
    public static PrivateDovecot start(Map<String, String> users) throws IOException {
        // Short path: Dovecot's unix sockets live in base_dir and socket paths are limited to ~100 bytes.
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "inlet-dovecot-");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path mail = Files.createDirectories(dir.resolve("mail"));
        Files.createDirectories(dir.resolve("run"));
        Files.createDirectories(dir.resolve("state"));
        boolean root = ((Integer) Files.getAttribute(dir, "unix:uid")) == 0;
        if (root) {
            // written by the mail user (nobody), read by us
            Files.setPosixFilePermissions(mail, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        writeUsers(dir, users);

        int port = LoopbackPorts.unused();
        Path config = Files.writeString(dir.resolve("dovecot.conf"), config(dir, port, root), StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(DOVECOT.toString(), "-F", "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        PrivateDovecot dovecot = new PrivateDovecot(dir, process, port);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive() || dovecot.greets());
            if (!process.isAlive()) {
                throw new IllegalStateException("Dovecot exited with " + process.exitValue() + ":\n" + dovecot.log());
            }
        } catch (RuntimeException e) {
            dovecot.close();
            throw e;
        }
        return dovecot;
    }

    /** Replaces the users; Dovecot rereads a passwd-file whose modification time changed. */
    public void users(Map<String, String> users) throws IOException {
        writeUsers(directory, users);
    }

    private static void writeUsers(Path dir, Map<String, String> users) throws IOException {
        StringBuilder passwd = new StringBuilder();
        users.forEach((user, extra) -> passwd.append(user).append(":{PLAIN}unused::::::").append(extra).append('\n'));
        Path file = dir.resolve("users");
        Path next = Files.writeString(dir.resolve("users.next"), passwd.toString(), StandardCharsets.UTF_8);
        // auth runs as another user when we are root; it must be able to read the file
        Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public int port() {
        return port;
    }

    public Path directory() {
        return directory;
    }

    /** The Maildir Dovecot keeps for a user. */
    public Path maildir(String user) {
        return directory.resolve("mail").resolve(user);
    }

    /** The messages in a user's INBOX ({@code new/}), oldest name first; empty when none. */
    public List<Path> inbox(String user) throws IOException {
        Path dir = maildir(user).resolve("new");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    /** Dovecot's own log and output, for failure messages. */
    public String log() {
        List<String> parts = new ArrayList<>();
        for (String name : List.of("stdout.log", "dovecot.log")) {
            Path file = directory.resolve(name);
            try {
                if (Files.exists(file)) {
                    parts.add(Files.readString(file, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                parts.add(name + ": " + e);
            }
        }
        return String.join("\n", parts);
    }

    @Override
    public void close() {
        try {
            process.destroy(); // SIGTERM: the master stops its children
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp dir is no reason to fail a test
        }
    }

    private static String config(Path dir, int port, boolean root) throws IOException {
        String users;
        String mailIds;
        if (root) {
            users = "";
            int[] nobody = passwdIds("nobody");
            mailIds = "uid=" + nobody[0] + " gid=" + nobody[1];
        } else {
            String user = System.getProperty("user.name");
            String group = Files.readAttributes(dir, java.nio.file.attribute.PosixFileAttributes.class).group().getName();
            users = "default_internal_user = " + user + "\ndefault_internal_group = " + group
                    + "\ndefault_login_user = " + user + "\n";
            mailIds = "uid=" + Files.getAttribute(dir, "unix:uid") + " gid=" + Files.getAttribute(dir, "unix:gid");
        }
        return """
                protocols = lmtp
                base_dir = %1$s/run
                state_dir = %1$s/state
                instance_name = inlet-test-%2$d
                log_path = %1$s/dovecot.log
                ssl = no
                listen = 127.0.0.1
                %3$sfirst_valid_uid = 1
                mail_location = maildir:%1$s/mail/%%u
                mail_save_crlf = yes
                passdb {
                  driver = passwd-file
                  args = %1$s/users
                }
                userdb {
                  driver = passwd-file
                  args = %1$s/users
                  default_fields = %4$s home=%1$s/mail/%%u
                }
                service lmtp {
                  inet_listener lmtp {
                    address = 127.0.0.1
                    port = %2$d
                  }
                }
                service anvil {
                  chroot =
                }
                """.formatted(dir, port, users, mailIds);
    }

    /** uid and gid of a system user, from /etc/passwd. */
    private static int[] passwdIds(String user) throws IOException {
        for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
            String[] f = line.split(":");
            if (f.length > 3 && f[0].equals(user)) {
                return new int[]{Integer.parseInt(f[2]), Integer.parseInt(f[3])};
            }
        }
        throw new IllegalStateException("no user " + user + " in /etc/passwd");
    }

    private boolean greets() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            byte[] start = in.readNBytes(4);
            return new String(start, StandardCharsets.US_ASCII).equals("220 ");
        } catch (IOException e) {
            return false;
        }
    }
}
