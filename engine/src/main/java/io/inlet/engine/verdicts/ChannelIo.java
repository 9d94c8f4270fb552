package io.inlet.engine.verdicts;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/** Small blocking-channel helpers shared by the scanner clients. */
final class ChannelIo {

    private ChannelIo() {
    }

    static void writeFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    static void writeAscii(SocketChannel channel, String text) throws IOException {
        writeFully(channel, ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * Reads the daemon's reply up to end of stream (or the first NUL when {@code stopAtNul}).
     *
     * @throws IOException when the reply is longer than {@code limit}: no sane reply is
     */
    static String readReply(SocketChannel channel, int limit, boolean stopAtNul) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(limit);
        while (channel.read(buffer) >= 0) {
            if (stopAtNul && containsNul(buffer)) {
                break;
            }
            if (!buffer.hasRemaining()) {
                throw new IOException("scanner reply longer than " + limit + " bytes");
            }
        }
        buffer.flip();
        String reply = StandardCharsets.ISO_8859_1.decode(buffer).toString();
        int nul = reply.indexOf('\0');
        return nul >= 0 ? reply.substring(0, nul) : reply;
    }

    private static boolean containsNul(ByteBuffer buffer) {
        for (int i = 0; i < buffer.position(); i++) {
            if (buffer.get(i) == 0) {
                return true;
            }
        }
        return false;
    }
}
