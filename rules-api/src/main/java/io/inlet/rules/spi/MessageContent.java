package io.inlet.rules.spi;

import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of a received message as an action sees them: Inlet's trace headers and every header
 * added so far, then the message as received. Streamed, never held whole in memory.
 */
public interface MessageContent {

    /** Size in bytes of what {@link #open()} returns. */
    long size();

    /** A fresh stream over the whole message; the caller closes it. */
    InputStream open() throws IOException;
}
