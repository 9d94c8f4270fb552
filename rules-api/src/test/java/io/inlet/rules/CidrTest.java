package io.inlet.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The receipt-filter CIDR grammar, as probed against SES (peers.md G-RF-05). */
class CidrTest {

    @ParameterizedTest(name = "accepts {0} as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            10.0.0.1          | 10.0.0.1/32
            10.0.0.0/8        | 10.0.0.0/8
            10.0.0.1/24       | 10.0.0.0/24
            0.0.0.0/0         | 0.0.0.0/0
            255.255.255.255   | 255.255.255.255/32
            192.0.2.7/31      | 192.0.2.6/31
            2001:db8::/32     | 2001:db8:0:0:0:0:0:0/32
            ::/0              | 0:0:0:0:0:0:0:0/0
            ::1               | 0:0:0:0:0:0:0:1/128
            ::                | 0:0:0:0:0:0:0:0/128
            2001:DB8::1       | 2001:db8:0:0:0:0:0:1/128
            2001:db8::1/64    | 2001:db8:0:0:0:0:0:0/64
            1:2:3:4:5:6:7:8   | 1:2:3:4:5:6:7:8/128
            1::               | 1:0:0:0:0:0:0:0/128
            fe80::1           | fe80:0:0:0:0:0:0:1/128
            2001:db8::/128    | 2001:db8:0:0:0:0:0:0/128
            """)
    void acceptsAddressesAndBlocks(String text, String canonical) {
        assertThat(Cidr.parse(text)).hasValueSatisfying(c -> assertThat(c.toString()).isEqualTo(canonical));
    }

    @ParameterizedTest(name = "rejects [{0}]")
    @ValueSource(strings = {
            "not-a-cidr",
            "",
            "10.0.0.0/33",
            "10.0.0/24",
            "10.0.0.0/",
            "[2001:db8::1]",
            "fe80::1%eth0",
            "::ffff:192.0.2.1",
            "2001:db8::/129",
            "1:2:3:4:5:6:7:8:9",
            "2001:db8:::1",
            "\uFF11\uFF10.0.0.1",          // full-width digits １０.0.0.1
            "10.0.0.\u0661",                // Arabic-Indic digit one
            " 10.0.0.1",
            "10.0.0.1 ",
            "10.0.0.1/024",
            "10.0.0.1/-1",
            "10.0.0.1/+8",
            "10.0.0.1/8/8",
            "256.0.0.1",
            "010.0.0.1",
            "10.0.0.1.",
            "10..0.1",
            "1.2.3.4.5",
            "0x0a.0.0.1",
            "10.0.0.1\n",
            "2001:db8::1/",
            ":1:2:3:4:5:6:7",
            "1:2:3:4:5:6:7:",
            "1:2:3:4:5:6:7:8::",
            "12345::1",
            "g::1",
            "::1::",
            "localhost",
    })
    void rejects(String text) {
        assertThat(Cidr.parse(text)).isEmpty();
    }

    @Test
    void rejectsNull() {
        assertThat(Cidr.parse(null)).isEmpty();
    }

    @Test
    void isImmutable() {
        Cidr block = Cidr.parse("10.0.0.0/8").orElseThrow();
        block.network()[0] = 99;
        assertThat(block.toString()).isEqualTo("10.0.0.0/8");
        byte[] given = {10, 0, 0, 1};
        Cidr built = new Cidr(given, 24);
        given[0] = 99;
        assertThat(built).isEqualTo(Cidr.parse("10.0.0.0/24").orElseThrow());
    }

    @ParameterizedTest(name = "constructor refuses {0} bytes /{1}")
    @CsvSource({"3, 8", "4, 33", "4, -1", "16, 129", "5, 0"})
    void constructorRefusesImpossibleValues(int length, int prefix) {
        assertThatThrownBy(() -> new Cidr(new byte[length], prefix)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            10.0.0.0/8        | 10.255.255.255 | true
            10.0.0.0/8        | 11.0.0.0       | false
            10.0.0.1/24       | 10.0.0.200     | true
            10.0.0.1/24       | 10.0.1.1       | false
            10.0.0.1          | 10.0.0.1       | true
            10.0.0.1          | 10.0.0.2       | false
            0.0.0.0/0         | 203.0.113.9    | true
            0.0.0.0/0         | 2001:db8::1    | false
            ::/0              | 10.0.0.1       | false
            ::/0              | 2001:db8::1    | true
            2001:db8::/32     | 2001:db8:ffff::1 | true
            2001:db8::/32     | 2001:db9::1    | false
            ::1               | ::1            | true
            ::1               | ::2            | false
            192.0.2.7/31      | 192.0.2.6      | true
            192.0.2.7/31      | 192.0.2.8      | false
            """)
    void contains(String cidr, String address, boolean expected) {
        Cidr block = Cidr.parse(cidr).orElseThrow();
        byte[] bytes = Cidr.parse(address).orElseThrow().network();
        assertThat(block.contains(bytes)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} equals {1}")
    @CsvSource(delimiter = '|', textBlock = """
            10.0.0.1/24    | 10.0.0.0/24
            2001:DB8::/32  | 2001:db8:0::/32
            """)
    void equalityIgnoresSpelling(String a, String b) {
        assertThat(Cidr.parse(a)).isEqualTo(Cidr.parse(b));
        assertThat(Cidr.parse(a).orElseThrow().hashCode()).isEqualTo(Cidr.parse(b).orElseThrow().hashCode());
    }
}
