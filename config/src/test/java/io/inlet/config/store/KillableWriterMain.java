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
            tx.insertRuleSet(StoreContract.US, "survivor", StoreContract.T0);
            tx.replaceRules(StoreContract.US, "survivor",
                    List.of(StoreContract.rule("r1"), StoreContract.rule("r2")));
            tx.setActiveRuleSet(StoreContract.US, "survivor");
            tx.insertFilter(StoreContract.US, new ReceiptFilter("kept", FilterPolicy.Block, "10.0.0.0/8"));
            return null;
        });
        System.out.println(COMMITTED);
        System.out.flush();
        // Block until the parent kills us; the parent never writes to our stdin.
        System.in.read();
    }
}
