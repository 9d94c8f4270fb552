package io.inlet.engine.spool;

import io.inlet.engine.message.AcceptedMessage;
import io.inlet.engine.message.Envelope;
import io.inlet.engine.message.RulePlan;
import io.inlet.engine.message.TenantPlan;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.ReceiptAction;
import io.inlet.rules.ReceiptRule;
import io.inlet.rules.TlsPolicy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Metadata and message bodies for spool tests; bodies are derived from the ID, so a reader can check them. */
final class SpoolFixtures {

    private SpoolFixtures() {
    }

    /** A full metadata record: TLS envelope, two tenants, a rule with S3, AddHeader and Stop actions. */
    static AcceptedMessage metadata(String id, long size) {
        Envelope envelope = new Envelope("sender@example.org", List.of("a@example.com", "b@sub.example.com"),
                "mx.example.org", "192.0.2.10", "TLSv1.3", "TLS_AES_128_GCM_SHA256", "inlet.test",
                Instant.parse("2024-05-01T10:15:30.123456789Z"));
        ReceiptRule store = new ReceiptRule("store", true, TlsPolicy.Require, true,
                List.of("example.com", "a@example.com"),
                List.of(ReceiptAction.of(new ActionSpec("AddHeaderAction",
                                params("HeaderName", "X-Inlet", "HeaderValue", "tab\there \"quoted\""))),
                        ReceiptAction.of(new ActionSpec("S3Action",
                                params("BucketName", "mail", "ObjectKeyPrefix", "in/", "TopicArn",
                                        "arn:aws:sns:us-east-1:123456789012:t"))),
                        new ReceiptAction(List.of(new ActionSpec("StopAction", params("Scope", "RuleSet")),
                                new ActionSpec("x-plugin", params())))));
        ReceiptRule plain = new ReceiptRule("plain", true, null, false, List.of(), List.of());
        return new AcceptedMessage(id, envelope, 42,
                List.of(new TenantPlan("123456789012", "us-east-1", "default",
                                List.of(new RulePlan(0, store, List.of("a@example.com")),
                                        new RulePlan(3, plain, List.of("a@example.com", "b@sub.example.com")))),
                        new TenantPlan("210987654321", "eu-west-1", "other", List.of())),
                size);
    }

    /** Plain-text session without TLS and with the null sender. */
    static AcceptedMessage plainMetadata(String id, long size) {
        Envelope envelope = new Envelope("", List.of("x@example.com"), "client", "2001:db8::1", null, null,
                "inlet.test", Instant.parse("2024-05-01T10:15:30Z"));
        return new AcceptedMessage(id, envelope, 7, List.of(), size);
    }

    private static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** A message body determined by the ID: a header, then a pattern up to a size derived from it. */
    static byte[] body(String id) {
        int size = 1024 + Math.floorMod(id.hashCode(), 200_000);
        byte[] header = ("Message-ID: <" + id + "@test>\r\nSubject: spool test\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[size];
        System.arraycopy(header, 0, out, 0, header.length);
        for (int i = header.length; i < size; i++) {
            out[i] = (byte) ((i % 78 == 76) ? '\r' : (i % 78 == 77) ? '\n' : 'a' + (i + id.charAt(i % 40)) % 26);
        }
        return out;
    }

    /** Receives and commits one message whose body is {@link #body(String)}; returns its ID. */
    static String commit(Spool spool) throws Exception {
        try (SpoolWriter writer = spool.begin()) {
            byte[] body = body(writer.messageId());
            writer.body().write(body);
            writer.commit(metadata(writer.messageId(), body.length));
            return writer.messageId();
        }
    }

    /** Receives and commits the given bytes; returns the ID. */
    static String commit(Spool spool, byte[] body) throws Exception {
        try (SpoolWriter writer = spool.begin()) {
            OutputStream out = writer.body();
            out.write(body);
            writer.commit(metadata(writer.messageId(), body.length));
            return writer.messageId();
        }
    }

    static byte[] read(Spool spool, String id) throws IOException {
        try (InputStream in = spool.openBody(id)) {
            return in.readAllBytes();
        }
    }

    /**
     * Writes a message file by hand, as a crash may leave one: {@link #body(String)}, then, when
     * {@code complete}, the metadata and footer.
     */
    static Path writeMessageFile(Path dir, String id, boolean complete) throws IOException {
        Path file = dir.resolve(id + SpoolLayout.MESSAGE);
        byte[] body = body(id);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(body));
            if (complete) {
                MessageFile.writeTrailer(channel, body.length, new MetadataCodec().encode(metadata(id, body.length)));
            }
        }
        return file;
    }

    /** Writes a message in the layout before one file per message: {@code <id>.eml} and {@code <id>.json}. */
    static void writeLegacyMessage(Path dir, String id) throws IOException {
        byte[] body = body(id);
        Files.write(dir.resolve(id + ".eml"), body);
        Files.write(dir.resolve(id + ".json"), new MetadataCodec().encode(metadata(id, body.length)));
    }

    static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
