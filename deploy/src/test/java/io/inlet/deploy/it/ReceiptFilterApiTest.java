package io.inlet.deploy.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.AlreadyExistsException;
import software.amazon.awssdk.services.ses.model.LimitExceededException;
import software.amazon.awssdk.services.ses.model.ReceiptFilter;
import software.amazon.awssdk.services.ses.model.ReceiptFilterPolicy;
import software.amazon.awssdk.services.ses.model.ReceiptIpFilter;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static io.inlet.deploy.it.Rules.unique;
import static io.inlet.deploy.it.SesErrors.assertInvalidParameter;
import static io.inlet.deploy.it.SesErrors.assertSesError;
import static io.inlet.deploy.it.SesErrors.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * IP filter operations through the SDK: CreateReceiptFilter, DeleteReceiptFilter,
 * ListReceiptFilters (SES-RECEIVING.md §2, §6.4, §6.6; peers.md G-RF). Small configured limits are in
 * {@link ReceiptLimitsTest}.
 */
class ReceiptFilterApiTest {
    @TempDir
    static Path dataDir;
    static RunningInlet inlet;
    static SesClient ses;

    @BeforeAll
    static void start() {
        inlet = RunningInlet.start(dataDir);
        ses = inlet.ses();
    }

    @AfterAll
    static void stop() {
        inlet.close();
    }

    static ReceiptFilter filter(String name, ReceiptFilterPolicy policy, String cidr) {
        return ReceiptFilter.builder().name(name)
                .ipFilter(ReceiptIpFilter.builder().policy(policy).cidr(cidr).build()).build();
    }

    static void create(SesClient client, ReceiptFilter filter) {
        client.createReceiptFilter(b -> b.filter(filter));
    }

    static List<ReceiptFilter> list(SesClient client) {
        return client.listReceiptFilters(b -> { }).filters();
    }

    static Optional<ReceiptFilter> find(String name) {
        return list(ses).stream().filter(f -> f.name().equals(name)).findFirst();
    }

    @Test
    void aRegionWithoutFiltersListsNone() {
        assertThat(inlet.ses("ap-northeast-3").listReceiptFilters(b -> { }).filters()).isEmpty();
    }

    @Test
    void filtersRoundTripAndAreListedSortedByName() {
        SesClient region = inlet.ses("eu-west-2");
        ReceiptFilter block = filter("block-net", ReceiptFilterPolicy.BLOCK, "10.0.0.0/24");
        ReceiptFilter allow = filter("allow-host", ReceiptFilterPolicy.ALLOW, "192.0.2.10");
        ReceiptFilter v6 = filter("z-v6", ReceiptFilterPolicy.BLOCK, "2001:db8::/32");
        ReceiptFilter mid = filter("Middle_1", ReceiptFilterPolicy.ALLOW, "0.0.0.0/0");
        create(region, v6);
        create(region, block);
        create(region, mid);
        create(region, allow);

        List<ReceiptFilter> listed = list(region);

        assertThat(listed).extracting(ReceiptFilter::name).isSorted();
        assertThat(listed).containsExactlyInAnyOrder(block, allow, v6, mid);
        assertThat(listed.get(0)).isEqualTo(mid);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1.2.3", "10.0.0.0/8", "0.0.0.0/0", "255.255.255.255/32", "192.0.2.0/24",
            "2001:db8::1", "2001:db8::/32", "::/0", "::1", "fe80::/10", "2001:db8:0:0:0:0:0:1/128"})
    void ipv4AndIpv6AddressesAndBlocksAreAccepted(String cidr) {
        String name = unique("ok");
        ReceiptFilter filter = filter(name, ReceiptFilterPolicy.BLOCK, cidr);
        create(ses, filter);
        assertThat(find(name)).contains(filter);
    }

    @Test
    void aPrefixWithHostBitsSetIsAccepted() {
        String name = unique("host-bits");
        create(ses, filter(name, ReceiptFilterPolicy.ALLOW, "10.0.0.1/24"));
        assertThat(find(name)).hasValueSatisfying(f -> {
            assertThat(f.ipFilter().policy()).isEqualTo(ReceiptFilterPolicy.ALLOW);
            assertThat(f.ipFilter().cidr()).isIn("10.0.0.1/24", "10.0.0.0/24");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-cidr", "", "10.0.0.0/33", "10.0.0/24", "10.0.0.0/", "256.0.0.1", "10.0.0.0/-1",
            "[2001:db8::1]", "fe80::1%eth0", "::ffff:192.0.2.1", "2001:db8::/129", "1:2:3:4:5:6:7:8:9", "2001:db8:::1",
            "\uff11\uff10.0.0.0/8", " 10.0.0.0/8", "10.0.0.0/8 "})
    void invalidCidrsAreRejected(String cidr) {
        String name = unique("bad-cidr");
        assertInvalidParameter(() -> create(ses, filter(name, ReceiptFilterPolicy.BLOCK, cidr)), "Invalid CIDR block: " + cidr);
        assertThat(find(name)).isEmpty();
    }

    @Test
    void aDuplicateNameFailsWithAlreadyExistsAndKeepsTheOriginal() {
        String name = unique("dup");
        ReceiptFilter original = filter(name, ReceiptFilterPolicy.BLOCK, "198.51.100.0/24");
        create(ses, original);

        assertSesError(() -> create(ses, filter(name, ReceiptFilterPolicy.ALLOW, "203.0.113.7")),
                AlreadyExistsException.class, "AlreadyExists", "Filter already exists: " + name);
        assertThat(find(name)).contains(original);
        assertThat(list(ses)).extracting(ReceiptFilter::name).containsOnlyOnce(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad name", "bad/name", "-leading", "trailing_", "caf\u00e9",
            "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"})
    void invalidFilterNamesAreRejected(String name) {
        assertInvalidParameter(() -> create(ses, filter(name, ReceiptFilterPolicy.BLOCK, "10.0.0.0/8")),
                "Not a valid filterName: " + name);
    }

    @Test
    void anEmptyFilterNameIsRejected() {
        assertInvalidParameter(() -> create(ses, filter("", ReceiptFilterPolicy.BLOCK, "10.0.0.0/8")),
                "filterName must not be empty");
    }

    @Test
    void filterNamesOfSixtyFourCharactersAreAccepted() {
        String name = "F" + "f".repeat(62) + "9";
        create(ses, filter(name, ReceiptFilterPolicy.BLOCK, "10.9.0.0/16"));
        assertThat(find(name)).isPresent();
    }

    @Test
    void shapeViolationsAreValidationErrors() {
        String name = unique("shape");
        assertValidationError(() -> ses.createReceiptFilter(b -> b.filter(ReceiptFilter.builder().name(name).build())),
                "1 validation error detected: Value null at 'filter.ipFilter' failed to satisfy constraint: Member must not be null");
        assertValidationError(() -> ses.createReceiptFilter(b -> b.filter(ReceiptFilter.builder().name(name)
                        .ipFilter(ReceiptIpFilter.builder().policy(ReceiptFilterPolicy.BLOCK).build()).build())),
                "1 validation error detected: Value null at 'filter.ipFilter.cidr' failed to satisfy constraint: "
                        + "Member must not be null");
        assertValidationError(() -> ses.createReceiptFilter(b -> b.filter(ReceiptFilter.builder().name(name)
                        .ipFilter(ReceiptIpFilter.builder().policy("Deny").cidr("10.0.0.0/8").build()).build())),
                "1 validation error detected: Value 'Deny' at 'filter.ipFilter.policy' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [Allow, Block]");
        assertThat(find(name)).isEmpty();
    }

    @Test
    void deleteRemovesTheFilterAndIsIdempotent() {
        String keep = unique("keep");
        String gone = unique("gone");
        create(ses, filter(keep, ReceiptFilterPolicy.ALLOW, "192.0.2.1"));
        create(ses, filter(gone, ReceiptFilterPolicy.BLOCK, "192.0.2.0/24"));

        ses.deleteReceiptFilter(b -> b.filterName(gone));

        assertThat(find(gone)).isEmpty();
        assertThat(find(keep)).isPresent();
        assertThatCode(() -> ses.deleteReceiptFilter(b -> b.filterName(gone))).doesNotThrowAnyException();
        assertThatCode(() -> ses.deleteReceiptFilter(b -> b.filterName("never-existed"))).doesNotThrowAnyException();
        // the name is free again
        create(ses, filter(gone, ReceiptFilterPolicy.ALLOW, "2001:db8::/48"));
        assertThat(find(gone)).hasValueSatisfying(f -> assertThat(f.ipFilter().cidr()).isEqualTo("2001:db8::/48"));
    }

    @Test
    void deleteWithoutAFilterNameIsAValidationError() {
        assertValidationError(() -> ses.deleteReceiptFilter(b -> { }),
                "1 validation error detected: Value null at 'filterName' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void theHundredAndFirstFilterExceedsTheDefaultLimit() {
        SesClient region = inlet.ses("af-south-1");
        for (int i = 0; i < 100; i++) {
            String name = String.format("f%03d", i);
            String cidr = "10." + i + ".0.0/16";
            create(region, filter(name, ReceiptFilterPolicy.BLOCK, cidr));
        }
        assertSesError(() -> create(region, filter("f100", ReceiptFilterPolicy.ALLOW, "192.0.2.1")),
                LimitExceededException.class, "LimitExceeded", "Too many filters");
        assertThat(list(region)).hasSize(100).extracting(ReceiptFilter::name).doesNotContain("f100");
    }
}
