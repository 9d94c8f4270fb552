package io.inlet.engine.smtp;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Counts concurrent sessions per client IP against a bound. */
final class PerIpLimiter {

    private final int limit;
    private final Map<InetAddress, Integer> sessions = new ConcurrentHashMap<>();

    PerIpLimiter(int limit) {
        this.limit = limit;
    }

    /** Takes a slot for {@code ip}; false (and nothing taken) when it already has {@code limit}. */
    boolean tryAcquire(InetAddress ip) {
        boolean[] taken = new boolean[1];
        sessions.compute(ip, (key, count) -> {
            int now = count == null ? 0 : count;
            taken[0] = now < limit;
            return taken[0] ? now + 1 : count;
        });
        return taken[0];
    }

    void release(InetAddress ip) {
        sessions.computeIfPresent(ip, (key, count) -> count <= 1 ? null : count - 1);
    }

    int sessions(InetAddress ip) {
        return sessions.getOrDefault(ip, 0);
    }
}
