package io.inlet.engine.verdicts;

import io.inlet.engine.message.MessageBytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.io.InputStream;
import java.nio.channels.SocketChannel;

/**
 * clamd {@code zINSTREAM}: the message goes in chunks, each prefixed with its length as 4 bytes
 * big-endian, ended by a zero-length chunk. Reply {@code stream: OK} → PASS,
 * {@code stream: <signature> FOUND} → FAIL, anything else (e.g. {@code INSTREAM size limit
 * exceeded. ERROR}) → PROCESSING_FAILED. clamd decodes the MIME structure itself, so attachments
 * are scanned.
 */
public final class ClamdClient implements MessageScanner {

    private static final Logger LOG = LoggerFactory.getLogger(ClamdClient.class);
    private static final int CHUNK = 64 * 1024;

    private final ClamdSettings settings;
    private final ScannerAddress address;

    public ClamdClient(ClamdSettings settings) {
        this.settings = settings;
        this.address = ScannerAddress.parse(settings.address(), ClamdSettings.DEFAULT_PORT);
    }

    @Override
    public Verdict scan(MessageBytes message) {
        try {
            long size = message.size();
            if (size > settings.maxMessageBytes()) {
                LOG.info("not sending {} bytes to clamd (limit {}): virus verdict GRAY", size, settings.maxMessageBytes());
                return Verdict.GRAY;
            }
            return instream(message);
        } catch (IOException | RuntimeException e) {
            LOG.warn("virus scan of {} failed: {}", message.file(), e.toString());
            return Verdict.PROCESSING_FAILED;
        }
    }

    private Verdict instream(MessageBytes message) throws IOException {
        Deadline deadline = Deadline.start(settings.timeout());
        try (deadline; SocketChannel channel = address.connect(deadline);
             InputStream file = message.open()) {
            ChannelIo.writeAscii(channel, "zINSTREAM\0");
            ByteBuffer length = ByteBuffer.allocate(4);
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
            int n;
            while ((n = file.readNBytes(chunk.array(), 0, CHUNK)) > 0) {
                chunk.limit(n);
                length.clear();
                length.putInt(chunk.remaining()).flip();
                ChannelIo.writeFully(channel, length);
                ChannelIo.writeFully(channel, chunk);
                chunk.clear();
            }
            length.clear();
            length.putInt(0).flip();
            ChannelIo.writeFully(channel, length);
            return parse(ChannelIo.readReply(channel, 4096, true));
        } catch (IOException e) {
            if (deadline.expired()) {
                throw new IOException("clamd at " + address + " did not answer within " + settings.timeout(), e);
            }
            throw e;
        }
    }

    static Verdict parse(String reply) {
        String text = reply.trim();
        if (text.equals("stream: OK")) {
            return Verdict.PASS;
        }
        if (text.startsWith("stream: ") && text.endsWith(" FOUND")) {
            LOG.info("clamd found {}", text.substring(8, text.length() - 6));
            return Verdict.FAIL;
        }
        LOG.warn("clamd error reply: {}", text);
        return Verdict.PROCESSING_FAILED;
    }
}
