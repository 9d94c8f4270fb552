package io.inlet.config.store.postgres;

import io.inlet.config.store.FilterStoreContract;
import io.inlet.config.store.IdentityStoreContract;
import io.inlet.config.store.RuleSetStoreContract;
import io.inlet.config.store.ScopeStoreContract;
import io.inlet.config.store.SendStatisticsStoreContract;
import io.inlet.config.store.Store;
import io.inlet.config.store.TransactionStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The whole store contract against PostgreSQL, one nested class per part of it. Each test's
 * temporary directory stands for one database: it is mapped to a fresh schema, so a reopen finds
 * the same rows and tests never share any.
 */
class PostgresStoreContractTest {

    private static final Map<Path, TestPostgres.Schema> SCHEMAS = new ConcurrentHashMap<>();
    private static final List<TestPostgres.Schema> CREATED = new CopyOnWriteArrayList<>();

    static Store open(Path dir) {
        TestPostgres.Schema schema = SCHEMAS.computeIfAbsent(dir, d -> {
            TestPostgres.Schema s = TestPostgres.newSchema();
            CREATED.add(s);
            return s;
        });
        return PostgresStore.open(schema.settings());
    }

    @AfterAll
    static void dropSchemas() {
        CREATED.forEach(TestPostgres.Schema::drop);
        CREATED.clear();
        SCHEMAS.clear();
    }

    @Nested
    class RuleSets extends RuleSetStoreContract {
        @Override protected Store openStore(Path dir) { return open(dir); }
    }

    @Nested
    class Filters extends FilterStoreContract {
        @Override protected Store openStore(Path dir) { return open(dir); }
    }

    @Nested
    class Identities extends IdentityStoreContract {
        @Override protected Store openStore(Path dir) { return open(dir); }
    }

    @Nested
    class Scopes extends ScopeStoreContract {
        @Override protected Store openStore(Path dir) { return open(dir); }
    }

    @Nested
    class Transactions extends TransactionStoreContract {
        @Override protected Store openStore(Path dir) { return open(dir); }
    }

    @Nested
    class SendStatistics extends SendStatisticsStoreContract {
        @Override protected Store openStore(Path dir) { return open(dir); }
    }
}
