package io.inlet.actions.validation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class BucketNamesTest {

    @ParameterizedTest(name = "[{0}] → {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            abc                | true
            my-bucket          | true
            my.bucket.2024     | true
            1bucket9           | true
            a-.b               | true
            xn--bucket         | true
            ab                 | false
            ''                 | false
            NULL               | false
            MyBucket           | false
            my_bucket          | false
            -bucket            | false
            bucket-            | false
            .bucket            | false
            bucket.            | false
            my..bucket         | false
            192.168.5.4        | false
            my bucket          | false
            bücket             | false
            """)
    void names(String name, boolean valid) {
        assertThat(BucketNames.isValid(name)).isEqualTo(valid);
    }

    @ParameterizedTest(name = "{0} chars → {1}")
    @CsvSource({"3, true", "63, true", "64, false"})
    void lengthBounds(int length, boolean valid) {
        assertThat(BucketNames.isValid("b".repeat(length))).isEqualTo(valid);
    }
}
