package io.inlet.actions;

import io.inlet.rules.spi.ValidationContext;

import java.util.Set;

/** A validation context with a fixed mode and a fixed set of verified identities. */
record TestContext(boolean checkTargets, Set<String> verified) implements ValidationContext {

    static final TestContext STRICT = new TestContext(true, Set.of("bounce@example.com", "example.org"));
    static final TestContext LENIENT = new TestContext(false, Set.of());

    @Override
    public String accountId() {
        return "123456789012";
    }

    @Override
    public String region() {
        return "us-east-1";
    }

    @Override
    public String ruleSetName() {
        return "set";
    }

    @Override
    public String ruleName() {
        return "rule";
    }

    /** An address is verified directly or through its domain, as the control plane does it. */
    @Override
    public boolean isVerifiedIdentity(String identity) {
        String domain = identity.substring(identity.lastIndexOf('@') + 1);
        return verified.contains(identity) || verified.contains(domain);
    }
}
