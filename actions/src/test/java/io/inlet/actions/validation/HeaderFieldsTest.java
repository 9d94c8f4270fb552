package io.inlet.actions.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderFieldsTest {

    @ParameterizedTest(name = "name [{0}] ok")
    @ValueSource(strings = {"X-Inlet", "a", "X_Weird.Name!~", "#$%&'*+-/=?^`{|}"})
    void validNames(String name) {
        assertThat(HeaderFields.isValidName(name)).isTrue();
    }

    @ParameterizedTest(name = "name [{0}] refused")
    @ValueSource(strings = {"", "X Inlet", "X:Inlet", "X-Inlet\r", "X-\u00e9", "X\tY"})
    void invalidNames(String name) {
        assertThat(HeaderFields.isValidName(name)).isFalse();
    }

    @ParameterizedTest(name = "name of {0} chars → {1}")
    @CsvSource({"1, true", "50, true", "51, false"})
    void nameLength(int length, boolean valid) {
        assertThat(HeaderFields.isValidName("H".repeat(length))).isEqualTo(valid);
    }

    @Test
    void nullNameAndValueAreRefused() {
        assertThat(HeaderFields.isValidName(null)).isFalse();
        assertThat(HeaderFields.isValidValue(null)).isFalse();
    }

    @ParameterizedTest(name = "value of {0} chars with [{1}] → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            0    | ''      | true
            10   | ''      | true
            2048 | ''      | true
            2049 | ''      | false
            10   | CR      | false
            10   | LF      | false
            10   | TAB     | true
            10   | é       | true
            """)
    void values(int length, String extra, boolean valid) {
        String insert = switch (extra) {
            case "CR" -> "\r";
            case "LF" -> "\n";
            case "TAB" -> "\t";
            default -> extra;
        };
        String value = insert + "v".repeat(Math.max(0, length - insert.length()));
        assertThat(HeaderFields.isValidValue(value)).isEqualTo(valid);
    }
}
