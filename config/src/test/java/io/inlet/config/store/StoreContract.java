package io.inlet.config.store;

import io.inlet.rules.ActionSpec;
import io.inlet.rules.ReceiptAction;
import io.inlet.rules.ReceiptFilter;
import io.inlet.rules.ReceiptRule;
import io.inlet.rules.ReceiptRuleSetMetadata;
import io.inlet.rules.TlsPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The base of the behaviour every {@link Store} keeps, whatever its database: the store each test
 * gets, and the helpers and fixtures of the contract. The contract itself is in the subclasses, one
 * part each ({@link RuleSetStoreContract}, {@link FilterStoreContract}, {@link IdentityStoreContract},
 * {@link ScopeStoreContract}, {@link TransactionStoreContract}, {@link SendStatisticsStoreContract}).
 * An implementation's test runs every part and says how to open (and, if it needs more than
 * close + open, reopen) its store.
 */
public abstract class StoreContract {

    protected static final Scope US = new Scope("111111111111", "us-east-1");
    protected static final Scope EU = new Scope("111111111111", "eu-west-1");
    protected static final Scope OTHER_ACCOUNT = new Scope("222222222222", "us-east-1");
    protected static final Instant T0 = Instant.ofEpochMilli(1_700_000_000_123L);

    @TempDir
    protected Path dir;

    protected Store store;

    /** Opens (creating when needed) the store kept in or described by {@code dir}. */
    protected abstract Store openStore(Path dir);

    /** Closes {@code old} and opens the same store again, as a restart of the daemon would. */
    protected Store reopen(Store old, Path dir) {
        old.close();
        return openStore(dir);
    }

    @BeforeEach
    void openTheStore() {
        store = openStore(dir);
    }

    @AfterEach
    void closeTheStore() {
        if (store != null) {
            store.close();
        }
    }

    // --- helpers ----------------------------------------------------------------------------

    protected void write(Consumer<StoreTransaction> work) {
        store.write(tx -> {
            work.accept(tx);
            return null;
        });
    }

    // One helper per read primitive: assertThat(...) cannot infer a generic read's result type.

    protected List<ReceiptRuleSetMetadata> ruleSets(Scope scope) {
        return store.read(tx -> tx.ruleSets(scope));
    }

    protected Optional<ReceiptRuleSetMetadata> ruleSet(Scope scope, String name) {
        return store.read(tx -> tx.ruleSet(scope, name));
    }

    protected Optional<String> activeRuleSet(Scope scope) {
        return store.read(tx -> tx.activeRuleSet(scope));
    }

    protected List<ReceiptRule> rules(Scope scope, String ruleSet) {
        return store.read(tx -> tx.rules(scope, ruleSet));
    }

    protected List<ReceiptFilter> filters(Scope scope) {
        return store.read(tx -> tx.filters(scope));
    }

    protected List<IdentityRecord> identities(Scope scope) {
        return store.read(tx -> tx.identities(scope));
    }

    protected Optional<IdentityRecord> identity(Scope scope, String identity) {
        return store.read(tx -> tx.identity(scope, identity));
    }

    protected Map<String, String> identityAttributes(Scope scope, String identity) {
        return store.read(tx -> tx.identityAttributes(scope, identity));
    }

    protected List<Scope> scopes() {
        return store.read(StoreTransaction::scopes);
    }

    protected long version() {
        return store.read(StoreTransaction::version);
    }

    protected static ReceiptRule rule(String name) {
        return new ReceiptRule(name, true, TlsPolicy.Optional, false, List.of(),
                List.of(ReceiptAction.of(spec("StopAction", "Scope", "RuleSet"))));
    }

    /** Builds a member keeping the parameters in the order given (name, value, name, value...). */
    protected static ActionSpec spec(String type, String... nameValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            params.put(nameValues[i], nameValues[i + 1]);
        }
        return new ActionSpec(type, params);
    }

    /** Every SES action type with its wire parameter names; one entry holds several members. */
    protected static ReceiptRule everyActionRule() {
        String topic = "arn:aws:sns:us-east-1:123456789012:t";
        String role = "arn:aws:iam::123456789012:role/r";
        return new ReceiptRule("every-action", false, TlsPolicy.Require, true,
                List.of("zeta.example.com", "a@example.com", ".sub.example.com"),
                List.of(
                        ReceiptAction.of(spec("S3Action", "ObjectKeyPrefix", "in/", "BucketName", "bucket",
                                "TopicArn", topic, "KmsKeyArn", "arn:aws:kms:us-east-1:123456789012:alias/aws/ses",
                                "IamRoleArn", role)),
                        ReceiptAction.of(spec("BounceAction", "SmtpReplyCode", "550", "StatusCode", "5.1.1",
                                "Message", "Mailbox does not exist", "Sender", "bounce@example.com", "TopicArn", topic)),
                        ReceiptAction.of(spec("WorkmailAction", "OrganizationArn",
                                "arn:aws:workmail:us-east-1:123456789012:organization/m-1", "TopicArn", topic)),
                        ReceiptAction.of(spec("LambdaAction", "InvocationType", "RequestResponse",
                                "FunctionArn", "arn:aws:lambda:us-east-1:123456789012:function:f", "TopicArn", topic)),
                        new ReceiptAction(List.of(
                                spec("SNSAction", "TopicArn", topic, "Encoding", "Base64"),
                                spec("AddHeaderAction", "HeaderName", "X-Inlet", "HeaderValue", ""),
                                spec("S3Action", "BucketName", "second"))),
                        ReceiptAction.of(spec("AddHeaderAction", "HeaderValue", "v", "HeaderName", "X-Order")),
                        ReceiptAction.of(spec("ConnectAction", "InstanceARN",
                                "arn:aws:connect:us-east-1:123456789012:instance/i", "IAMRoleARN", role)),
                        ReceiptAction.of(spec("StopAction", "TopicArn", topic, "Scope", "RuleSet"))));
    }

    /** Map equality ignores order; the wire form does not. */
    protected static void assertSameOrder(ReceiptRule actual, ReceiptRule expected) {
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.recipients()).containsExactlyElementsOf(expected.recipients());
        for (int a = 0; a < expected.actions().size(); a++) {
            List<ActionSpec> want = expected.actions().get(a).members();
            List<ActionSpec> got = actual.actions().get(a).members();
            assertThat(got).extracting(ActionSpec::type).containsExactlyElementsOf(
                    want.stream().map(ActionSpec::type).toList());
            for (int m = 0; m < want.size(); m++) {
                assertThat(new ArrayList<>(got.get(m).parameters().keySet()))
                        .containsExactlyElementsOf(want.get(m).parameters().keySet());
            }
        }
    }
}
