package io.inlet.actions.workmail;

import io.inlet.rules.spi.MessageContent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The embedded mailbox store of one organization: a Maildir per recipient,
 * {@code <organization dir>/<recipient address>/{tmp,new,cur}}, written the Maildir way: the
 * message goes to {@code tmp/} under a unique name, is fsync'ed, then renamed into {@code new/},
 * so a reader never sees a partial message. Any IMAP server that reads Maildir can serve it.
 */
final class MaildirStore implements MailboxTransport {

    private final Path organizationDirectory;
    private final MaildirNames names;

    MaildirStore(Path organizationDirectory, MaildirNames names) {
        this.organizationDirectory = organizationDirectory;
        this.names = names;
    }

    /** Each recipient on its own: a failure for one (disk full, permissions) is a temporary reply for it alone. */
    @Override
    public Map<String, Reply> deliver(String mailFrom, List<String> recipients, MessageContent message) {
        Map<String, Reply> replies = new LinkedHashMap<>();
        for (String recipient : recipients) {
            try {
                Path file = write(maildir(recipient), message);
                replies.put(recipient, new Reply(250, "2.0.0 saved as " + organizationDirectory.relativize(file)));
            } catch (IOException e) {
                replies.put(recipient, new Reply(451, "4.3.0 could not save to Maildir: " + e));
            }
        }
        return replies;
    }

    Path maildir(String recipient) {
        return organizationDirectory.resolve(directoryName(recipient));
    }

    private Path write(Path maildir, MessageContent message) throws IOException {
        Path tmpDir = Files.createDirectories(maildir.resolve("tmp"));
        Path newDir = Files.createDirectories(maildir.resolve("new"));
        Files.createDirectories(maildir.resolve("cur"));
        String name = names.next(message.size());
        Path tmp = tmpDir.resolve(name);
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 InputStream in = message.open()) {
                OutputStream out = Channels.newOutputStream(channel);
                in.transferTo(out);
                channel.force(true);
            }
            Path delivered = newDir.resolve(name);
            Files.move(tmp, delivered, StandardCopyOption.ATOMIC_MOVE);
            // the rename is durable only once the directory is
            try (FileChannel dir = FileChannel.open(newDir, StandardOpenOption.READ)) {
                dir.force(true);
            }
            return delivered;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The recipient address as one safe path segment: lower-cased (mailbox servers match addresses
     * case-insensitively, Dovecot lower-cases by default), with {@code %}, {@code /}, {@code \} and a
     * leading {@code .} percent-encoded so no address can leave the organization directory.
     */
    static String directoryName(String recipient) {
        String lower = recipient.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c == '%' || c == '/' || c == '\\' || c == 0 || (i == 0 && c == '.')) {
                out.append(String.format("%%%02X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
