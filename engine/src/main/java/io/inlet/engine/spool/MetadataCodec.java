package io.inlet.engine.spool;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.inlet.engine.message.AcceptedMessage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The JSON form of {@link AcceptedMessage} in the spool, written durably. */
final class MetadataCodec {

    // Unknown properties are ignored so a spool written by a newer version still drains after a
    // rollback; instants are ISO-8601 text so the files stay readable for an operator.
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Writes a new file and fdatasyncs it before returning. */
    void writeDurably(AcceptedMessage metadata, Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(mapper.writeValueAsBytes(metadata));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false); // data and size; the file's times do not matter
        }
    }

    AcceptedMessage read(Path file) throws IOException {
        return mapper.readValue(Files.readAllBytes(file), AcceptedMessage.class);
    }

    /** The file's text, for logging a metadata record that cannot be used. */
    static String describe(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "<unreadable: " + e + ">";
        }
    }
}
