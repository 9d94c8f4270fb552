package io.inlet.actions.workmail;

/**
 * One SMTP/LMTP reply (all lines of a multi-line reply joined by a space), or a reply Inlet
 * makes up for a recipient whose outcome it could not learn (connection lost): those are 4xx, so
 * they are retried.
 */
public record Reply(int code, String text) {

    public boolean isPositive() {
        return code >= 200 && code < 300;
    }

    /** 5xx: the server refuses for good. Anything else that is not 2xx is worth retrying. */
    public boolean isPermanent() {
        return code >= 500 && code < 600;
    }

    @Override
    public String toString() {
        return text.isEmpty() ? Integer.toString(code) : code + " " + text;
    }
}
