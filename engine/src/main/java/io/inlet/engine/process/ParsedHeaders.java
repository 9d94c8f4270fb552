package io.inlet.engine.process;

import io.inlet.engine.verdicts.Header;

import java.util.List;
import java.util.Map;

/**
 * The header block of a message as received (after {@link InboundHeaderFilter}), unfolded.
 *
 * @param headers  the fields in message order, cut once they exceed {@link HeaderParser#KEEP_BYTES}
 * @param complete false when {@code headers} was cut or the block broke a parser limit
 * @param named    every occurrence of the fields {@code mail.commonHeaders} and
 *                 {@code mail.destination} need, by lower-case name, kept even past the cut
 */
public record ParsedHeaders(List<Header> headers, boolean complete, Map<String, List<String>> named) {

    public ParsedHeaders {
        headers = List.copyOf(headers);
        named = Map.copyOf(named);
    }

    public List<String> all(String lowerCaseName) {
        return named.getOrDefault(lowerCaseName, List.of());
    }
}
