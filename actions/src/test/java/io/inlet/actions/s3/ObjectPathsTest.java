package io.inlet.actions.s3;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObjectPathsTest {

    private static final Path BUCKET = Path.of("/data/s3/mail");

    @ParameterizedTest
    @ValueSource(strings = {"id", "in/id", "a/b/c/id", "in.id", "..id", "a/..b/id", "spaces and ünïcode"})
    void aKeyIsAFileUnderTheBucket(String key) {
        assertThat(ObjectPaths.resolve(BUCKET, key)).isEqualTo(Path.of(BUCKET + "/" + key)).startsWithRaw(BUCKET);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", "../id", "a/../../id", "a/../id", ".", "./id", "/id", "a//id", "a/", "nul\0id"})
    void aKeyThatWouldEscapeOrAliasIsRefused(String key) {
        assertThatThrownBy(() -> ObjectPaths.resolve(BUCKET, key)).isInstanceOf(IllegalArgumentException.class);
    }
}
