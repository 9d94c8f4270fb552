package io.inlet.engine.verdicts;

import org.apache.james.jdkim.api.Headers;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * Presents a {@link HeaderBlock} to jDKIM. Fields are decoded with the platform charset because
 * jDKIM turns them back into bytes with {@code String.getBytes()}; the round trip keeps the signed
 * bytes intact. Only the topmost {@value #MAX_SIGNATURES} DKIM-Signature fields are shown: jDKIM
 * looks up a key for every one, and a message with hundreds would tie a worker up in DNS.
 */
final class DkimHeaders implements Headers {

    static final int MAX_SIGNATURES = 8;

    private final HeaderBlock block;
    private final Charset charset = Charset.defaultCharset();

    DkimHeaders(HeaderBlock block) {
        this.block = block;
    }

    @Override
    public List<String> getFields() {
        return texts(block.fields());
    }

    @Override
    public List<String> getFields(String name) {
        List<HeaderBlock.Field> fields = block.fields(name);
        if ("dkim-signature".equalsIgnoreCase(name) && fields.size() > MAX_SIGNATURES) {
            fields = fields.subList(0, MAX_SIGNATURES);
        }
        return texts(fields);
    }

    private List<String> texts(List<HeaderBlock.Field> fields) {
        List<String> texts = new ArrayList<>(fields.size());
        for (HeaderBlock.Field field : fields) {
            texts.add(field.text(charset));
        }
        return texts;
    }
}
