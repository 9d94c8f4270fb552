package io.inlet.deploy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;

import java.util.Deque;

/**
 * Micrometer's standard process meters beside Inlet's own ({@code jvm.*}, {@code process.*},
 * {@code system.*}): heap and GC (a 50 MB message must not move the heap), threads (one per SMTP
 * session), open file descriptors (sockets and spool files).
 */
final class JvmMetrics {

    private JvmMetrics() {
    }

    /** Binds them; what needs closing goes onto {@code started}. */
    static void bind(MeterRegistry registry, Deque<AutoCloseable> started) {
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        started.push(gc);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }
}
