package io.inlet.engine.spool;

/** Where a committed message is in its life; each state is a directory of the spool. */
public enum SpoolState {
    /** Accepted, waiting for or under processing. */
    QUEUED,
    /** Every action completed; kept for inspection until pruned (see {@link SpoolSettings#keepProcessed()}). */
    PROCESSED,
    /** Processing gave up; kept for an operator to replay or delete. */
    DEAD
}
