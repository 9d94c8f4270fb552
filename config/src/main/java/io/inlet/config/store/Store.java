package io.inlet.config.store;

/**
 * The control plane's durable store. Every call runs one transaction: committed (and durable on
 * disk) when the work returns, rolled back when it throws. Unchecked exceptions thrown by the
 * work (such as the API's {@code SesException}) propagate unchanged after the rollback; checked
 * ones are wrapped in {@link StoreException}. Implementations: the embedded SQLite store (default)
 * and, later, PostgreSQL.
 */
public interface Store extends AutoCloseable {

    @FunctionalInterface
    interface Work<T> {
        T run(StoreTransaction tx) throws Exception;
    }

    /** Runs read-write work in one transaction; the version is bumped if it wrote anything. */
    <T> T write(Work<T> work);

    /** Runs read-only work on a consistent view. */
    <T> T read(Work<T> work);

    /**
     * Registers a listener called with the new version after every committed write (on the
     * writing thread, after the commit is durable). Listeners must be quick and must not throw.
     */
    void addCommitListener(java.util.function.LongConsumer listener);

    @Override
    void close();
}
