package io.inlet.engine.process;

import io.inlet.engine.message.MessageBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderFilterTest {

    @TempDir
    Path dir;

    private String filtered(String message, String host) throws Exception {
        Path file = dir.resolve("m.eml");
        Files.writeString(file, message, StandardCharsets.UTF_8);
        FilteredMessage f = new InboundHeaderFilter(host).scan(MessageBytes.wholeFile(file));
        try (InputStream in = f.open()) {
            byte[] bytes = in.readAllBytes();
            assertThat((long) bytes.length).isEqualTo(f.size());
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    @Test
    void dropsOurAuthservIdIncludingFoldedAndCommentedForms() throws Exception {
        assertThat(filtered(ProcessFixtures.MESSAGE, ProcessFixtures.HOST)).isEqualTo(ProcessFixtures.MESSAGE_FILTERED);
    }

    @Test
    void keepsOtherAuthservIdsAndBodyLinesByteExact() throws Exception {
        String out = filtered(ProcessFixtures.MESSAGE, ProcessFixtures.HOST);
        assertThat(out).contains("Authentication-Results: other.example; dkim=pass\r\n")
                .endsWith("\r\nBody line one\r\nAuthentication-Results: mx.inlet.test; in the body, untouched\r\n");
    }

    @Test
    void aPrefixOfOurNameIsNotOurName() throws Exception {
        String m = "Authentication-Results: mx.inlet.test.evil; spf=pass\r\nSubject: x\r\n\r\nb\r\n";
        assertThat(filtered(m, "mx.inlet.test")).isEqualTo(m);
    }

    @Test
    void firstAndLastFieldsAndBareLfAndTrailingDotWork() throws Exception {
        String m = "authentication-results: mx.inlet.test. 1; none\nSubject: x\nAuthentication-Results: mx.inlet.test;\n  dkim=pass\n\nbody\n";
        assertThat(filtered(m, "MX.inlet.test")).isEqualTo("Subject: x\n\nbody\n");
    }

    @Test
    void headerBlockWithoutBodyAndAtEndOfFile() throws Exception {
        assertThat(filtered("Subject: x\r\nAuthentication-Results: mx.inlet.test; spf=none\r\n", "mx.inlet.test"))
                .isEqualTo("Subject: x\r\n");
    }

    @Test
    void malformedLineEndsTheHeaderBlock() throws Exception {
        String m = "Subject: x\r\nnot a header\r\nAuthentication-Results: mx.inlet.test; spf=none\r\n";
        assertThat(filtered(m, "mx.inlet.test")).isEqualTo(m);
    }

    @Test
    void authservIdParsing() {
        assertThat(InboundHeaderFilter.authservIdOf(" (c (nested)) host.example ; spf=pass")).isEqualTo("host.example");
        assertThat(InboundHeaderFilter.authservIdOf("\r\n host.example;")).isEqualTo("host.example");
        assertThat(InboundHeaderFilter.authservIdOf(" host.example 1; none")).isEqualTo("host.example");
        assertThat(InboundHeaderFilter.authservIdOf("  ")).isNull();
    }
}
