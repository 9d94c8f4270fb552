package io.inlet.actions;

import io.inlet.rules.spi.ActionPlugin;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceLoaderTest {

    @Test
    void allEightBuiltInsAreDiscoverable() {
        assertThat(ServiceLoader.load(ActionPlugin.class).stream().map(p -> p.get().type()))
                .containsExactly("S3Action", "BounceAction", "WorkmailAction", "LambdaAction",
                        "StopAction", "AddHeaderAction", "SNSAction", "ConnectAction");
    }
}
