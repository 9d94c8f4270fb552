package io.inlet.rules.spi;

/**
 * What an executing action sees. Grows with the data plane; plugins must only rely on what is here.
 */
public interface ActionContext {

    /** The SES message ID of the message being processed. */
    String messageId();
}
