package io.inlet.config.store;

import org.junit.jupiter.api.Nested;

import java.nio.file.Path;

/** The whole store contract on the embedded SQLite store, one nested class per part of it. */
class SqliteStoreContractTest {

    @Nested
    class RuleSets extends RuleSetStoreContract {
        @Override protected Store openStore(Path dir) { return SqliteStoreTest.open(dir); }
    }

    @Nested
    class Filters extends FilterStoreContract {
        @Override protected Store openStore(Path dir) { return SqliteStoreTest.open(dir); }
    }

    @Nested
    class Identities extends IdentityStoreContract {
        @Override protected Store openStore(Path dir) { return SqliteStoreTest.open(dir); }
    }

    @Nested
    class Scopes extends ScopeStoreContract {
        @Override protected Store openStore(Path dir) { return SqliteStoreTest.open(dir); }
    }

    @Nested
    class Transactions extends TransactionStoreContract {
        @Override protected Store openStore(Path dir) { return SqliteStoreTest.open(dir); }
    }

    @Nested
    class SendStatistics extends SendStatisticsStoreContract {
        @Override protected Store openStore(Path dir) { return SqliteStoreTest.open(dir); }
    }
}
