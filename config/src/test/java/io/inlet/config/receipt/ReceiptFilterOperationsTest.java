package io.inlet.config.receipt;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static io.inlet.config.receipt.ReceiptFixture.WEST;
import static io.inlet.config.receipt.ReceiptFixture.values;
import static org.assertj.core.api.Assertions.assertThat;

/** Create, Delete and ListReceiptFilters: G-RF-01..07 of peers.md §G. */
class ReceiptFilterOperationsTest {
    private static final String NUL = "failed to satisfy constraint: Member must not be null";

    @TempDir
    Path dir;
    ReceiptFixture f;

    @BeforeEach
    void open() {
        f = new ReceiptFixture(dir);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private void create(String name, String policy, String cidr) {
        f.call("CreateReceiptFilter", "Filter.Name", name, "Filter.IpFilter.Policy", policy, "Filter.IpFilter.Cidr", cidr);
    }

    @Test
    void filtersAreListedByNameAsSent() {
        assertThat(f.call("ListReceiptFilters")).isEqualTo("<Filters/>");
        create("zulu", "Block", "10.0.0.1/24");
        create("alpha", "Allow", "192.0.2.10");
        create("mid", "Block", "2001:DB8::/32");
        assertThat(f.call("ListReceiptFilters")).isEqualTo("<Filters>"
                + "<member><Name>alpha</Name><IpFilter><Policy>Allow</Policy><Cidr>192.0.2.10</Cidr></IpFilter></member>"
                + "<member><Name>mid</Name><IpFilter><Policy>Block</Policy><Cidr>2001:DB8::/32</Cidr></IpFilter></member>"
                + "<member><Name>zulu</Name><IpFilter><Policy>Block</Policy><Cidr>10.0.0.1/24</Cidr></IpFilter></member>"
                + "</Filters>");
    }

    @Test
    void duplicateKeepsTheOriginal() {
        create("f1", "Block", "10.0.0.0/24");
        f.assertError("AlreadyExists", "Filter already exists: f1", "CreateReceiptFilter",
                "Filter.Name", "f1", "Filter.IpFilter.Policy", "Allow", "Filter.IpFilter.Cidr", "10.9.9.9");
        assertThat(values(f.call("ListReceiptFilters"), "/r/Filters/member/IpFilter/Policy")).containsExactly("Block");
    }

    @Test
    void shapeViolations() {
        f.assertError("ValidationError", "1 validation error detected: Value null at 'filter' " + NUL,
                "CreateReceiptFilter");
        f.assertError("ValidationError", "1 validation error detected: Value null at 'filter.ipFilter' " + NUL,
                "CreateReceiptFilter", "Filter.Name", "f1");
        f.assertError("ValidationError", "1 validation error detected: Value null at 'filter.ipFilter.cidr' " + NUL,
                "CreateReceiptFilter", "Filter.Name", "f1", "Filter.IpFilter.Policy", "Block");
        f.assertError("ValidationError", "2 validation errors detected: Value null at 'filter.name' " + NUL
                        + "; Value 'Deny' at 'filter.ipFilter.policy' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [Allow, Block]",
                "CreateReceiptFilter", "Filter.IpFilter.Policy", "Deny", "Filter.IpFilter.Cidr", "10.0.0.0/8");
        f.assertError("ValidationError", "1 validation error detected: Value null at 'filter.ipFilter.policy' " + NUL,
                "CreateReceiptFilter", "Filter.Name", "f1", "Filter.IpFilter.Cidr", "10.0.0.0/8");
        // Shape before name, name before CIDR.
        f.assertError("InvalidParameterValue", "Not a valid filterName: -x", "CreateReceiptFilter",
                "Filter.Name", "-x", "Filter.IpFilter.Policy", "Block", "Filter.IpFilter.Cidr", "nope");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-cidr", "", "10.0.0.0/33", "10.0.0/24", "10.0.0.0/", "[2001:db8::1]",
            "fe80::1%eth0", "::ffff:192.0.2.1", "2001:db8::/129", "1:2:3:4:5:6:7:8:9", "2001:db8:::1",
            "10.0.0.0/２４", "０:0:0:0:0:0:0:1", "256.0.0.1", "10.0.0.01"})
    void badCidrsAreRefused(String cidr) {
        f.assertError("InvalidParameterValue", "Invalid CIDR block: " + cidr, "CreateReceiptFilter",
                "Filter.Name", "f1", "Filter.IpFilter.Policy", "Block", "Filter.IpFilter.Cidr", cidr);
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.10", "0.0.0.0/0", "10.0.0.1/24", "2001:db8::/32", "::1", "::/0",
            "1:2:3:4:5:6:7:8/128"})
    void goodCidrsAreAccepted(String cidr) {
        create("f1", "Allow", cidr);
        assertThat(values(f.call("ListReceiptFilters"), "/r/Filters/member/IpFilter/Cidr")).containsExactly(cidr);
    }

    @Test
    void deleteIsIdempotentButNeedsAName() {
        create("f1", "Block", "10.0.0.0/24");
        f.call("DeleteReceiptFilter", "FilterName", "f1");
        f.call("DeleteReceiptFilter", "FilterName", "f1");
        f.call("DeleteReceiptFilter", "FilterName", "bad name!");
        assertThat(f.call("ListReceiptFilters")).isEqualTo("<Filters/>");
        f.assertError("ValidationError", "1 validation error detected: Value null at 'filterName' " + NUL,
                "DeleteReceiptFilter");
    }

    @Test
    void filterLimit() {
        f.close();
        f = new ReceiptFixture(dir, ReceiptLimits.defaults().withFilters(2), true);
        create("f1", "Block", "10.0.0.0/24");
        create("f2", "Block", "10.0.0.0/24");
        f.assertError("AlreadyExists", "Filter already exists: f1", "CreateReceiptFilter",
                "Filter.Name", "f1", "Filter.IpFilter.Policy", "Block", "Filter.IpFilter.Cidr", "10.0.0.0/24");
        f.assertError("LimitExceeded", "Too many filters", "CreateReceiptFilter",
                "Filter.Name", "f3", "Filter.IpFilter.Policy", "Block", "Filter.IpFilter.Cidr", "10.0.0.0/24");
        // Another region has its own quota.
        f.call(WEST, "CreateReceiptFilter", "Filter.Name", "f3", "Filter.IpFilter.Policy", "Block",
                "Filter.IpFilter.Cidr", "10.0.0.0/24");
        assertThat(values(f.call(WEST, "ListReceiptFilters"), "/r/Filters/member/Name")).containsExactly("f3");
        assertThat(values(f.call("ListReceiptFilters"), "/r/Filters/member/Name")).containsExactly("f1", "f2");
    }

    @Test
    void defaultFilterLimitIsAHundred() {
        for (int i = 1; i <= 100; i++) {
            create("f" + i, "Block", "10.0.0.0/24");
        }
        f.assertError("LimitExceeded", "Too many filters", "CreateReceiptFilter",
                "Filter.Name", "f101", "Filter.IpFilter.Policy", "Block", "Filter.IpFilter.Cidr", "10.0.0.0/24");
    }
}
