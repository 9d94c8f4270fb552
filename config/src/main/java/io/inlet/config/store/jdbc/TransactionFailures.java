package io.inlet.config.store.jdbc;

import io.inlet.config.store.StoreException;

/** How a failed transaction's work reaches the caller of {@code Store.write} or {@code Store.read}. */
public final class TransactionFailures {

    private TransactionFailures() {
    }

    /** Unchecked exceptions and errors as they are; checked ones (SQLException included) wrapped. */
    public static RuntimeException unchecked(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new StoreException("store transaction failed: " + t.getMessage(), t);
    }
}
