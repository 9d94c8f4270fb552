package io.inlet.bench;

import io.inlet.engine.snapshot.CompiledSnapshot;
import io.inlet.engine.snapshot.RecipientDecision;
import io.inlet.rules.ReceiptConfiguration;
import io.inlet.rules.TenantConfiguration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The whole RCPT decision, {@link CompiledSnapshot#decide}: per tenant the recipient matcher (200
 * rules x 100 recipients) and, for a tenant that matched, its 100 IP filters. {@code tenants} accounts
 * with the same configuration serve the region (1 = the usual self-hosted setup; several receive for
 * the same domains, as SES allows, and each must be asked).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecideBenchmark {

    /** ACCEPT: matched, client unlisted; BLOCKED: matched, client blocked; NO_RULE: nothing matches; MIXED. */
    @Param({"ACCEPT", "BLOCKED", "NO_RULE", "MIXED"})
    public String kind;

    @Param({"1", "3"})
    public int tenants;

    private CompiledSnapshot snapshot;
    private String[] recipients;
    private InetAddress[] clients;
    private int next;

    @Setup
    public void setUp() {
        List<TenantConfiguration> list = new ArrayList<>();
        for (int t = 0; t < tenants; t++) {
            list.add(Fixtures.tenant(String.format("%012d", 100000000000L + t)));
        }
        snapshot = new CompiledSnapshot(new ReceiptConfiguration(1, list), Set.of("us-east-1"));
        switch (kind) {
            case "ACCEPT" -> {
                recipients = Fixtures.recipients(Fixtures.RecipientKind.ADDRESS);
                clients = Fixtures.clients(Fixtures.ClientKind.UNLISTED);
            }
            case "BLOCKED" -> {
                recipients = Fixtures.recipients(Fixtures.RecipientKind.ADDRESS);
                clients = Fixtures.clients(Fixtures.ClientKind.BLOCKED);
            }
            case "NO_RULE" -> {
                recipients = Fixtures.recipients(Fixtures.RecipientKind.NO_RULE);
                clients = Fixtures.clients(Fixtures.ClientKind.UNLISTED);
            }
            case "MIXED" -> {
                recipients = Fixtures.recipients(Fixtures.RecipientKind.MIXED);
                clients = Fixtures.clients(Fixtures.ClientKind.MIXED);
            }
            default -> throw new IllegalArgumentException(kind);
        }
        for (int i = 0; i < Fixtures.LOOKUPS; i++) {
            RecipientDecision d = snapshot.decide(clients[i], recipients[i], false);
            boolean ok = switch (kind) {
                case "ACCEPT" -> d.accepted()
                        && ((RecipientDecision.Accepted) d).tenants().size() == tenants;
                case "BLOCKED" -> d == RecipientDecision.Rejected.BLOCKED_BY_FILTER;
                case "NO_RULE" -> d == RecipientDecision.Rejected.NO_RULE;
                default -> true;
            };
            if (!ok) {
                throw new IllegalStateException(kind + ": " + clients[i] + " " + recipients[i] + " -> " + d);
            }
        }
    }

    @Benchmark
    public RecipientDecision decide() {
        int i = next++ & (Fixtures.LOOKUPS - 1);
        return snapshot.decide(clients[i], recipients[i], false);
    }
}
