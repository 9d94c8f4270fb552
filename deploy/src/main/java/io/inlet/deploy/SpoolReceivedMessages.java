package io.inlet.deploy;

import io.inlet.config.sending.ReceivedMessages;
import io.inlet.config.store.Scope;
import io.inlet.engine.message.AcceptedMessage;
import io.inlet.engine.spool.MessageIds;
import io.inlet.engine.spool.Spool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * SendBounce's view of the received mail: the spool's metadata (queued, processed and still kept,
 * dead-lettered messages) and the header section of the message as received. The spool is looked
 * up at each call: the API operations are built before the data plane starts.
 */
final class SpoolReceivedMessages implements ReceivedMessages {
    private static final Logger log = LoggerFactory.getLogger(SpoolReceivedMessages.class);
    /** The most of the original header section a bounce quotes. */
    static final int MAX_HEADER_BYTES = 256 * 1024;

    private final Supplier<Spool> spool;

    SpoolReceivedMessages(Supplier<Spool> spool) {
        this.spool = spool;
    }

    @Override
    public Optional<Received> find(String messageId) {
        Spool s = spool.get();
        if (s == null || messageId == null || !MessageIds.isValid(messageId)) {
            return Optional.empty();
        }
        Optional<AcceptedMessage> accepted = s.metadata(messageId);
        if (accepted.isEmpty()) {
            return Optional.empty();
        }
        AcceptedMessage m = accepted.get();
        String headers;
        try (InputStream in = s.openBody(messageId)) {
            headers = headerSection(in);
        } catch (IOException | RuntimeException e) {
            // Pruned or deleted between the reads.
            log.debug("cannot read the headers of received message {}", messageId, e);
            return Optional.empty();
        }
        return Optional.of(new Received(m.envelope().receivedAt(), m.envelope().mailFrom(), m.envelope().recipients(),
                m.envelope().receivedBy(), headers,
                m.plans().stream().map(p -> new Scope(p.accountId(), p.region())).distinct().toList()));
    }

    /** The header section (bytes kept as ISO-8859-1 chars), without the empty line that ends it. */
    static String headerSection(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int previous = -1;
        int b;
        boolean lineStart = true;
        while (out.size() < MAX_HEADER_BYTES && (b = in.read()) >= 0) {
            if (lineStart && (b == '\n' || (b == '\r' && previous == '\n') || (b == '\r' && previous == -1))) {
                break; // an empty line: the body starts
            }
            out.write(b);
            lineStart = b == '\n';
            previous = b;
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
