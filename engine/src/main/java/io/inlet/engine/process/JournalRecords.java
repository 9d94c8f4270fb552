package io.inlet.engine.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.inlet.engine.verdicts.Header;
import io.inlet.engine.verdicts.Verdicts;
import io.inlet.rules.spi.ActionOutcome;

import java.io.UncheckedIOException;
import java.util.List;

/** The JSON values processing keeps in the journal, and their (de)serialisation. */
final class JournalRecords {

    /**
     * One completed action member.
     *
     * @param attempts   how many times it ran, this successful run included
     * @param finishedAt ISO instant
     * @param headers    the headers it prepended (replayed on restart so later actions still see them)
     */
    record ActionRecord(ActionOutcome outcome, long millis, int attempts, String finishedAt, List<Header> headers) {
        ActionRecord {
            headers = headers == null ? List.of() : List.copyOf(headers);
        }
    }

    /**
     * The latest failure of a message.
     *
     * @param action   the journal key of the failing member
     * @param attempts consecutive failures of that member
     */
    record ErrorRecord(String action, String type, String rule, String error, String at, int attempts) {
    }

    private static final TypeReference<List<Header>> HEADER_LIST = new TypeReference<>() {
    };

    private JournalRecords() {
    }

    static String write(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ActionRecord action(String json) {
        return read(json, ActionRecord.class);
    }

    static ErrorRecord error(String json) {
        return read(json, ErrorRecord.class);
    }

    static Verdicts verdicts(String json) {
        return read(json, Verdicts.class);
    }

    static List<Header> headers(String json) {
        try {
            return Json.MAPPER.readValue(json, HEADER_LIST);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
