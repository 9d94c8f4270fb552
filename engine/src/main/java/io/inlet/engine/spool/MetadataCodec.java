package io.inlet.engine.spool;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.inlet.engine.message.AcceptedMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The JSON form of {@link AcceptedMessage} in the spool (the metadata part of a {@link MessageFile}). */
final class MetadataCodec {

    // Unknown properties are ignored so a spool written by a newer version still drains after a
    // rollback; instants are ISO-8601 text so the files stay readable for an operator.
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The JSON bytes that go into the message file (see {@link MessageFile}). */
    byte[] encode(AcceptedMessage metadata) throws IOException {
        return mapper.writeValueAsBytes(metadata);
    }

    AcceptedMessage decode(byte[] json) throws IOException {
        return mapper.readValue(json, AcceptedMessage.class);
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
