package io.inlet.rules.spi;

/** What an action plugin may ask while validating an action for CreateReceiptRule/UpdateReceiptRule. */
public interface ValidationContext {

    String accountId();

    String region();

    String ruleSetName();

    String ruleName();

    /**
     * True in {@code strict} mode (the default): check that targets exist and are usable.
     * False in {@code lenient} mode: check syntax only.
     */
    boolean checkTargets();

    /** Whether the identity (an address, or a domain) is verified, directly or through its domain. */
    boolean isVerifiedIdentity(String identity);
}
