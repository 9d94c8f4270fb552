package io.inlet.engine.process;

import io.inlet.rules.spi.MessageContent;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

/**
 * The message as actions see it: a small in-memory block of the headers Inlet and earlier actions
 * put on top, then the received file (minus our forged A-R fields), streamed from disk.
 */
final class StagedContent implements MessageContent {

    private final byte[] top;
    private final FilteredMessage body;

    StagedContent(byte[] top, FilteredMessage body) {
        this.top = top;
        this.body = body;
    }

    @Override
    public long size() {
        return top.length + body.size();
    }

    @Override
    public InputStream open() throws IOException {
        return new SequenceInputStream(new ByteArrayInputStream(top), body.open());
    }
}
