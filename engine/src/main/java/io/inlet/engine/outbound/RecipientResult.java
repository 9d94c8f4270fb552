package io.inlet.engine.outbound;

/**
 * One recipient's result of one attempt.
 *
 * @param reply the server's reply (or our own explanation when no server answered), one line
 * @param host  the host that answered, as {@code name[ip]:port}; empty when none was reached
 */
record RecipientResult(String address, DeliveryOutcome outcome, String reply, String host) {

    static RecipientResult of(String address, DeliveryOutcome outcome, String reply, String host) {
        return new RecipientResult(address, outcome, Replies.oneLine(reply), host == null ? "" : host);
    }
}
