package io.inlet.bench;

import io.inlet.engine.snapshot.MatchedRule;
import io.inlet.engine.snapshot.RecipientMatcher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@link RecipientMatcher#match} on one tenant with 200 rules x 100 recipient conditions
 * (see {@link Fixtures}). Each call looks up the next recipient of a table of 1024 of the given kind,
 * so branch predictors and caches do not see one address over and over.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RecipientMatcherBenchmark {

    @Param({"ADDRESS", "PLUS_LABEL", "DOMAIN", "SUBDOMAIN", "NO_RULE", "UNVERIFIED", "MIXED"})
    public String kind;

    private RecipientMatcher matcher;
    private String[] recipients;
    private int next;

    @Setup
    public void setUp() {
        matcher = RecipientMatcher.of(Optional.of(Fixtures.ruleSet()), Fixtures.verifiedDomains());
        Fixtures.RecipientKind k = Fixtures.RecipientKind.valueOf(kind);
        recipients = Fixtures.recipients(k);
        // guard against a fixture that does not mean what its name says
        for (String r : recipients) {
            boolean shouldMatch = k != Fixtures.RecipientKind.NO_RULE && k != Fixtures.RecipientKind.UNVERIFIED
                    && k != Fixtures.RecipientKind.MIXED;
            if (shouldMatch && matcher.match(r).isEmpty()) {
                throw new IllegalStateException(kind + ": " + r + " matches no rule");
            }
            if (!shouldMatch && k != Fixtures.RecipientKind.MIXED && !matcher.match(r).isEmpty()) {
                throw new IllegalStateException(kind + ": " + r + " matches a rule");
            }
        }
    }

    @Benchmark
    public List<MatchedRule> match() {
        return matcher.match(recipients[next++ & (Fixtures.LOOKUPS - 1)]);
    }
}
