package io.inlet.engine.outbound;

/** One recipient's delivery status in an outbound entry. */
public enum RecipientStatus {
    /** Not delivered yet: never tried, or deferred after a temporary failure. */
    PENDING,
    /** Accepted by the next hop. */
    DELIVERED,
    /** Failed for good (a 5xx, an undeliverable domain, or the max age ran out). */
    FAILED
}
