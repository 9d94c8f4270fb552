package io.inlet.config.store;

import io.inlet.config.store.sqlite.SqliteStore;
import io.inlet.rules.FilterPolicy;
import io.inlet.rules.ReceiptFilter;

import java.nio.file.Path;
import java.util.List;

/**
 * Child process of {@link SqliteStoreTest#aCommittedWriteSurvivesAHardKill}: commits one write,
 * says so, then waits to be killed without ever closing the store.
 */
public final class KillableWriterMain {

    static final String COMMITTED = "committed";

    private KillableWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        Store store = SqliteStore.open(Path.of(args[0]));
        store.write(tx -> {
            tx.insertRuleSet(StoreContractTest.US, "survivor", StoreContractTest.T0);
            tx.replaceRules(StoreContractTest.US, "survivor",
                    List.of(StoreContractTest.rule("r1"), StoreContractTest.rule("r2")));
            tx.setActiveRuleSet(StoreContractTest.US, "survivor");
            tx.insertFilter(StoreContractTest.US, new ReceiptFilter("kept", FilterPolicy.Block, "10.0.0.0/8"));
            return null;
        });
        System.out.println(COMMITTED);
        System.out.flush();
        // Block until the parent kills us; the parent never writes to our stdin.
        System.in.read();
    }
}
