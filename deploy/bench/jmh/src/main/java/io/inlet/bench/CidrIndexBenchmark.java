package io.inlet.bench;

import io.inlet.engine.snapshot.CidrIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;

/** {@link CidrIndex#isBlocked} with 100 receipt filters (see {@link Fixtures}), 1024 clients per kind in turn. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CidrIndexBenchmark {

    @Param({"BLOCKED", "ALLOWED", "UNLISTED", "IPV6_BLOCKED", "MAPPED_BLOCKED", "MIXED"})
    public String kind;

    private CidrIndex index;
    private InetAddress[] clients;
    private int next;

    @Setup
    public void setUp() {
        index = new CidrIndex(Fixtures.filters());
        Fixtures.ClientKind k = Fixtures.ClientKind.valueOf(kind);
        clients = Fixtures.clients(k);
        for (InetAddress client : clients) {
            boolean expected = switch (k) {
                case BLOCKED, IPV6_BLOCKED, MAPPED_BLOCKED -> true;
                case ALLOWED, UNLISTED -> false;
                case MIXED -> index.isBlocked(client);
            };
            if (index.isBlocked(client) != expected) {
                throw new IllegalStateException(kind + ": " + client + " blocked=" + !expected);
            }
        }
    }

    @Benchmark
    public boolean isBlocked() {
        return index.isBlocked(clients[next++ & (Fixtures.LOOKUPS - 1)]);
    }
}
