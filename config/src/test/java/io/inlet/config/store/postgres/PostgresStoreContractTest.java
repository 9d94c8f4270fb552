package io.inlet.config.store.postgres;

import io.inlet.config.store.Store;
import io.inlet.config.store.StoreContractTest;
import org.junit.jupiter.api.AfterAll;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The whole store contract against PostgreSQL. Each test's temporary directory stands for one
 * database: it is mapped to a fresh schema, so a reopen finds the same rows and tests never share any.
 */
class PostgresStoreContractTest extends StoreContractTest {

    private static final Map<Path, TestPostgres.Schema> SCHEMAS = new ConcurrentHashMap<>();
    private static final List<TestPostgres.Schema> CREATED = new CopyOnWriteArrayList<>();

    @Override
    protected Store openStore(Path dir) {
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
}
