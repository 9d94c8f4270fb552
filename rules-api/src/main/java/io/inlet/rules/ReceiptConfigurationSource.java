package io.inlet.rules;

import java.util.function.Consumer;

/** Where the data plane gets its configuration: the current one, and every later one as it commits. */
public interface ReceiptConfigurationSource {

    ReceiptConfiguration current();

    /** Called with each new configuration after it commits, in version order. */
    void addListener(Consumer<ReceiptConfiguration> listener);
}
