package io.inlet.actions.validation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class EmailAddressesTest {

    @ParameterizedTest(name = "[{0}] → {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            postmaster@example.com           | true
            first.last+tag@mail.example.com  | true
            o'hara@example.com               | true
            "john doe"@example.com           | true
            bounce@localhost                 | true
            a@b-c.example                    | true
            ''                               | false
            NULL                             | false
            example.com                      | false
            @example.com                     | false
            user@                            | false
            user@@example.com                | false
            .user@example.com                | false
            user.@example.com                | false
            us..er@example.com               | false
            user name@example.com            | false
            John <john@example.com>          | false
            user@-example.com                | false
            user@example-.com                | false
            user@example..com                | false
            user@example.com.                | false
            user@[192.0.2.1]                 | false
            üser@example.com                 | false
            """)
    void addresses(String address, boolean valid) {
        assertThat(EmailAddresses.isValid(address)).isEqualTo(valid);
    }

    @ParameterizedTest(name = "local part of {0} chars → {1}")
    @CsvSource({"64, true", "65, false"})
    void localPartLimit(int length, boolean valid) {
        assertThat(EmailAddresses.isValid("l".repeat(length) + "@example.com")).isEqualTo(valid);
    }

    @ParameterizedTest(name = "address of {0} chars → {1}")
    @CsvSource({"254, true", "255, false"})
    void addressLimit(int length, boolean valid) {
        // a@ + labels of 60 chars joined by dots, padded to the wanted total length
        StringBuilder domain = new StringBuilder();
        while (domain.length() < length - 2) {
            if (domain.length() > 0) {
                domain.append('.');
            }
            domain.append("d".repeat(Math.min(60, length - 2 - domain.length())));
        }
        String address = "a@" + domain;
        assertThat(address).hasSize(length);
        assertThat(EmailAddresses.isValid(address)).isEqualTo(valid);
    }
}
