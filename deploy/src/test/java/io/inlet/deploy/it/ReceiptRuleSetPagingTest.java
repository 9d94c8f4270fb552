package io.inlet.deploy.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.ListReceiptRuleSetsResponse;
import software.amazon.awssdk.services.ses.model.ReceiptRuleSetMetadata;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ListReceiptRuleSets paging (SES-RECEIVING.md §6.5, Part 1 "Control plane": creation order, 100
 * a page, NextToken only when more). The Java SDK v2 has no paginator for this operation (its SES
 * paginators cover ListIdentities and ListCustomVerificationEmailTemplates), so pages are walked
 * by hand, as SDK users do.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReceiptRuleSetPagingTest {
    static final int SETS = 205;

    @TempDir
    static Path dataDir;
    static RunningInlet inlet;
    static SesClient ses;
    /** Names in creation order; deliberately the reverse of name order. */
    static final List<String> created = new ArrayList<>();

    @BeforeAll
    static void start() {
        inlet = RunningInlet.start(dataDir, Map.of("limits.rule-sets", "250"));
        ses = inlet.ses();
        for (int i = SETS; i >= 1; i--) {
            String name = String.format("set-%03d", i);
            ses.createReceiptRuleSet(b -> b.ruleSetName(name));
            created.add(name);
        }
    }

    @AfterAll
    static void stop() {
        inlet.close();
    }

    @Test
    void pagesOfAHundredInCreationOrder() {
        ListReceiptRuleSetsResponse first = ses.listReceiptRuleSets(b -> { });
        assertThat(first.ruleSets()).hasSize(100);
        assertThat(first.nextToken()).isNotEmpty();

        ListReceiptRuleSetsResponse second = ses.listReceiptRuleSets(b -> b.nextToken(first.nextToken()));
        assertThat(second.ruleSets()).hasSize(100);
        assertThat(second.nextToken()).isNotEmpty().isNotEqualTo(first.nextToken());

        ListReceiptRuleSetsResponse third = ses.listReceiptRuleSets(b -> b.nextToken(second.nextToken()));
        assertThat(third.ruleSets()).hasSize(5);
        assertThat(third.nextToken()).isNull();

        List<ReceiptRuleSetMetadata> all = new ArrayList<>(first.ruleSets());
        all.addAll(second.ruleSets());
        all.addAll(third.ruleSets());
        assertThat(all).extracting(ReceiptRuleSetMetadata::name).containsExactlyElementsOf(created);
        assertThat(all).extracting(ReceiptRuleSetMetadata::createdTimestamp).doesNotContainNull().isSorted();
    }

    @Test
    void walkingAllPagesByNextTokenSeesEverySetOnce() {
        List<String> names = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListReceiptRuleSetsResponse page = ses.listReceiptRuleSets(b -> b.nextToken(next));
            page.ruleSets().forEach(m -> names.add(m.name()));
            sizes.add(page.ruleSets().size());
            token = page.nextToken();
        } while (token != null);

        assertThat(sizes).containsExactly(100, 100, 5);
        assertThat(names).doesNotHaveDuplicates().containsExactlyElementsOf(created);
    }

    /** Runs last: it deletes sets the other tests count. */
    @Test
    @Order(Integer.MAX_VALUE)
    void noNextTokenWhenTheLastPageIsExactlyFull() {
        for (String name : created.subList(SETS - 5, SETS)) {
            ses.deleteReceiptRuleSet(b -> b.ruleSetName(name));
        }
        ListReceiptRuleSetsResponse first = ses.listReceiptRuleSets(b -> { });
        assertThat(first.ruleSets()).hasSize(100);
        ListReceiptRuleSetsResponse second = ses.listReceiptRuleSets(b -> b.nextToken(first.nextToken()));
        assertThat(second.ruleSets()).extracting(ReceiptRuleSetMetadata::name)
                .containsExactlyElementsOf(created.subList(100, SETS - 5));
        assertThat(second.nextToken()).isNull();
    }
}
