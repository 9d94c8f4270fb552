package io.inlet.engine.smtp;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The executor SubEtha runs one blocking session per task on (it shuts it down in {@code stop()},
 * so each listener gets its own). Virtual threads when the JVM has them (Java 21+, found by
 * reflection because we compile for 17); otherwise a pool of {@code maxConnections + 10} platform
 * threads: SubEtha admits up to that many sockets (the extra 10 get its "421 too many
 * connections"), and a smaller pool would leave accepted clients waiting for a banner.
 */
final class SessionExecutors {

    private static final int OVER_LIMIT_SESSIONS = 10;

    private SessionExecutors() {
    }

    static ExecutorService create(int maxConnections) {
        ExecutorService virtual = virtualThreads();
        return virtual != null ? virtual : platformThreads(maxConnections + OVER_LIMIT_SESSIONS);
    }

    /** {@code Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("smtp-", 0).factory())}, or null. */
    static ExecutorService virtualThreads() {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            builder = builderType.getMethod("name", String.class, long.class).invoke(builder, "smtp-", 0L);
            ThreadFactory factory = (ThreadFactory) builderType.getMethod("factory").invoke(builder);
            return (ExecutorService) Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class)
                    .invoke(null, factory);
        } catch (ReflectiveOperationException | RuntimeException notAvailable) {
            return null;
        }
    }

    static ExecutorService platformThreads(int threads) {
        ThreadFactory factory = new ThreadFactoryBuilder().setNameFormat("smtp-%d").setDaemon(true).build();
        // An unbounded queue, not a hand-off: a session's permit is released a moment before its
        // thread returns to the pool, so a full pool must queue the next session, never reject it.
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
