package io.inlet.config.store;

import io.inlet.rules.ReceiptFilter;
import io.inlet.rules.ReceiptRule;
import io.inlet.rules.ReceiptRuleSetMetadata;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The primitive reads and writes of the control-plane store, all inside one transaction. The SES
 * semantics (validation, limits, error precedence) live in the services above; a store only keeps
 * rows and its own integrity constraints (unique names per scope, one active set per scope).
 */
public interface StoreTransaction {

    // --- rule sets ---------------------------------------------------------------------------

    /** All rule sets of the scope in creation order. */
    List<ReceiptRuleSetMetadata> ruleSets(Scope scope);

    Optional<ReceiptRuleSetMetadata> ruleSet(Scope scope, String name);

    void insertRuleSet(Scope scope, String name, Instant createdTimestamp);

    /** Deletes the set and its rules; no-op when absent. */
    void deleteRuleSet(Scope scope, String name);

    Optional<String> activeRuleSet(Scope scope);

    /** Makes {@code name} the only active set of the scope, or deactivates all when null. */
    void setActiveRuleSet(Scope scope, String name);

    // --- rules ------------------------------------------------------------------------------

    /** The rules of a set, in order. */
    List<ReceiptRule> rules(Scope scope, String ruleSet);

    /** Replaces the whole ordered rule list of a set (create, update, delete, reorder all use it). */
    void replaceRules(Scope scope, String ruleSet, List<ReceiptRule> rules);

    // --- filters ----------------------------------------------------------------------------

    /** All filters of the scope, sorted by name. */
    List<ReceiptFilter> filters(Scope scope);

    void insertFilter(Scope scope, ReceiptFilter filter);

    /** No-op when absent. */
    void deleteFilter(Scope scope, String name);

    // --- identities -------------------------------------------------------------------------

    /** All identities of the scope, in creation order. */
    List<IdentityRecord> identities(Scope scope);

    Optional<IdentityRecord> identity(Scope scope, String identity);

    /** Inserts, or replaces the row with the same identity. */
    void upsertIdentity(Scope scope, IdentityRecord identity);

    /** No-op when absent. */
    void deleteIdentity(Scope scope, String identity);

    // --- identity attributes (Easy DKIM, MAIL FROM, notifications, policies) ----------------

    /**
     * The attributes of one identity by name, each a JSON document: {@code dkim}, {@code mailFrom},
     * {@code notifications}, {@code policy:<PolicyName>}. Empty when none (or no such identity).
     * Deleting the identity deletes its attributes.
     */
    default java.util.Map<String, String> identityAttributes(Scope scope, String identity) {
        throw new UnsupportedOperationException("identity attributes: not implemented by " + getClass().getName());
    }

    default Optional<String> identityAttribute(Scope scope, String identity, String name) {
        return Optional.ofNullable(identityAttributes(scope, identity).get(name));
    }

    /** Inserts or replaces one attribute of an existing identity. */
    default void putIdentityAttribute(Scope scope, String identity, String name, String json) {
        throw new UnsupportedOperationException("identity attributes: not implemented by " + getClass().getName());
    }

    /** Deletes one attribute; returns whether it existed. */
    default boolean deleteIdentityAttribute(Scope scope, String identity, String name) {
        throw new UnsupportedOperationException("identity attributes: not implemented by " + getClass().getName());
    }

    // --- sending statistics (SendEmail/SendRawEmail, GetSendQuota, GetSendStatistics) -------

    /**
     * Adds the counts of {@code increment} to the scope's 15-minute interval starting at its
     * timestamp (which the caller aligns). Not receiving configuration: bumps no version.
     */
    default void addSendActivity(Scope scope, SendDataPoint increment) {
        throw new UnsupportedOperationException("send statistics: not implemented by " + getClass().getName());
    }

    /** The scope's intervals starting at or after {@code since}, oldest first. */
    default List<SendDataPoint> sendActivity(Scope scope, java.time.Instant since) {
        throw new UnsupportedOperationException("send statistics: not implemented by " + getClass().getName());
    }

    /** Deletes every scope's intervals starting before {@code before} (statistics cover two weeks). */
    default void deleteSendActivityBefore(java.time.Instant before) {
        throw new UnsupportedOperationException("send statistics: not implemented by " + getClass().getName());
    }

    // --- whole store ------------------------------------------------------------------------

    /** Every scope that holds anything (for building the receiving configuration). */
    List<Scope> scopes();

    /** Version of the committed state this transaction started from; bumped by every committed write. */
    long version();
}
