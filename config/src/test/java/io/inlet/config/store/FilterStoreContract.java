package io.inlet.config.store;

import io.inlet.rules.FilterPolicy;
import io.inlet.rules.ReceiptFilter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store contract for IP address filters. */
public abstract class FilterStoreContract extends StoreContract {

    @Test
    void filtersAreSortedByNameInOrdinalOrder() {
        List<String> names = List.of("b", "B", "a", "_x", "10", "9", "a-b", "a.b", "Z");
        write(tx -> names.forEach(n -> tx.insertFilter(US, new ReceiptFilter(n, FilterPolicy.Block, "10.0.0.0/8"))));

        List<String> sorted = new ArrayList<>(names);
        Collections.sort(sorted);
        assertThat(filters(US)).extracting(ReceiptFilter::name).containsExactlyElementsOf(sorted);
    }

    @Test
    void filterRoundTripsAndDeletes() {
        ReceiptFilter allow = new ReceiptFilter("allow", FilterPolicy.Allow, "192.0.2.0/24");
        ReceiptFilter block = new ReceiptFilter("block", FilterPolicy.Block, "2001:db8::/32");
        write(tx -> {
            tx.insertFilter(US, block);
            tx.insertFilter(US, allow);
        });
        assertThat(filters(US)).containsExactly(allow, block);

        write(tx -> tx.deleteFilter(US, "allow"));
        assertThat(filters(US)).containsExactly(block);
    }

    @Test
    void duplicateFilterIsAStoreException() {
        write(tx -> tx.insertFilter(US, new ReceiptFilter("f", FilterPolicy.Block, "10.0.0.1")));

        assertThatThrownBy(() -> write(tx -> tx.insertFilter(US, new ReceiptFilter("f", FilterPolicy.Allow, "10.0.0.2"))))
                .isInstanceOf(StoreException.class);
        assertThat(filters(US)).containsExactly(new ReceiptFilter("f", FilterPolicy.Block, "10.0.0.1"));
    }
}
