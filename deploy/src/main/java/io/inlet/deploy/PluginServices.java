package io.inlet.deploy;

import io.inlet.rules.spi.OutboundMail;
import io.inlet.rules.spi.TopicPublisher;

/** The daemon services every action plugin's environment offers. */
record PluginServices(String hostname, TopicPublisher topics, OutboundMail outbound) {
}
