package io.inlet.actions.lambda;

import io.inlet.rules.spi.LambdaFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs functions that plugin jars provide, in-process. Always on this runner's own threads: a
 * RequestResponse call can then be abandoned at the timeout, and an Event returns at once.
 */
final class PluginFunctionRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginFunctionRunner.class);

    private static final int MAX_THREADS = 64;

    private final Duration timeout;
    private final ExecutorService executor;

    PluginFunctionRunner(Duration timeout) {
        this.timeout = timeout;
        // Bounded: a burst of slow Event invocations must not start a thread each. Beyond the
        // bound the calling worker runs the function itself, which slows processing down
        // (backpressure) instead of queueing work in memory.
        this.executor = new ThreadPoolExecutor(0, MAX_THREADS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                daemonThreads(), new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /** RequestResponse: the function's result, or a failure when it throws or outlasts the timeout. */
    String call(LambdaFunction function, String functionArn, String eventJson) throws FunctionInvocationException {
        Future<String> result = executor.submit(() -> function.invoke(eventJson));
        try {
            return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new FunctionInvocationException(functionArn, "plugin function failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            result.cancel(true);
            throw new FunctionInvocationException(functionArn, "plugin function did not return within " + timeout, e);
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new FunctionInvocationException(functionArn, "interrupted while waiting for the plugin function", e);
        }
    }

    /**
     * Event: handed to a thread and not awaited; a failure can only be logged (as with Lambda,
     * whose asynchronous errors the caller never sees either).
     */
    void fire(LambdaFunction function, String functionArn, String eventJson) {
        executor.execute(() -> {
            try {
                function.invoke(eventJson);
            } catch (Exception e) {
                LOG.warn("Lambda function {} (plugin, Event invocation) failed", functionArn, e);
            }
        });
    }

    /** Lets running Event invocations finish, for at most one timeout, so a clean shutdown loses none. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                LOG.warn("plugin functions still running after {}; interrupting them", timeout);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "lambda-function-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
