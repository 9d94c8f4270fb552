package io.inlet.config.receipt;

import io.inlet.config.api.ApiOperation;
import io.inlet.config.api.SesException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.inlet.config.receipt.ReceiptFixture.value;
import static io.inlet.config.receipt.ReceiptFixture.values;
import static org.assertj.core.api.Assertions.assertThat;

/** The registry as a whole: the operation names, atomic limits under concurrency, XML escaping. */
class ReceiptOperationsTest {
    @TempDir
    Path dir;
    ReceiptFixture f;

    @BeforeEach
    void open() {
        f = new ReceiptFixture(dir, ReceiptLimits.defaults().withRuleSets(5).withRulesPerSet(7), true);
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void everyReceiptOperationIsRegisteredWithAResultElement() {
        assertThat(f.ops.keySet()).containsExactlyInAnyOrder(
                "CreateReceiptRuleSet", "CloneReceiptRuleSet", "DeleteReceiptRuleSet", "DescribeReceiptRuleSet",
                "DescribeActiveReceiptRuleSet", "ListReceiptRuleSets", "SetActiveReceiptRuleSet",
                "ReorderReceiptRuleSet", "CreateReceiptRule", "UpdateReceiptRule", "DeleteReceiptRule",
                "DescribeReceiptRule", "SetReceiptRulePosition", "CreateReceiptFilter", "DeleteReceiptFilter",
                "ListReceiptFilters");
        assertThat(f.ops.values()).allMatch(ApiOperation::hasResult);
    }

    @Test
    void limitsHoldUnderConcurrentCreates() throws Exception {
        List<String> setOutcomes = race(12, i -> f.call("CreateReceiptRuleSet", "RuleSetName", "s" + i));
        assertThat(setOutcomes).filteredOn("ok"::equals).hasSize(5);
        assertThat(setOutcomes).filteredOn("LimitExceeded"::equals).hasSize(7);
        assertThat(values(f.call("ListReceiptRuleSets"), "/r/RuleSets/member/Name")).hasSize(5);

        String set = values(f.call("ListReceiptRuleSets"), "/r/RuleSets/member/Name").get(0);
        List<String> ruleOutcomes = race(12, i -> f.call("CreateReceiptRule", "RuleSetName", set, "Rule.Name", "r" + i));
        assertThat(ruleOutcomes).filteredOn("ok"::equals).hasSize(7);
        assertThat(f.ruleNames(set)).hasSize(7).doesNotHaveDuplicates();
    }

    private static List<String> race(int n, java.util.function.IntConsumer call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int id = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        call.accept(id);
                        return "ok";
                    } catch (SesException e) {
                        return e.code();
                    }
                }));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> future : futures) {
                outcomes.add(future.get(30, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void textIsEscapedAndRoundTrips() {
        f.createSet("rs");
        f.call("CreateReceiptRule", "RuleSetName", "rs", "Rule.Name", "r1",
                "Rule.Actions.member.1.AddHeaderAction.HeaderName", "X-A",
                "Rule.Actions.member.1.AddHeaderAction.HeaderValue", "<a & 'b' \"c\">",
                "Rule.Actions.member.2.AddHeaderAction.HeaderName", "X-Empty",
                "Rule.Actions.member.2.AddHeaderAction.HeaderValue", "");
        String xml = f.call("DescribeReceiptRule", "RuleSetName", "rs", "RuleName", "r1");
        assertThat(xml).contains("&lt;a &amp; &apos;b&apos; &quot;c&quot;&gt;");
        assertThat(values(xml, "/r/Rule/Actions/member/AddHeaderAction/HeaderValue"))
                .containsExactly("<a & 'b' \"c\">", "");
        assertThat(value(xml, "/r/Rule/Name")).isEqualTo("r1");
    }
}
