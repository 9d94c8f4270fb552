package io.inlet.engine.spool;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link FileSpoolKillTest}: commits messages from several threads until it
 * is killed, printing {@code COMMITTED <id>} on stdout each time a commit has returned (that is,
 * when an SMTP session would have answered 250). With a third argument {@code churn}, one more
 * thread keeps moving committed messages between states (dead-letter, replay, journal records,
 * completion), so the kill also lands inside those moves.
 */
public final class SpoolCrashChild {

    public static final String PREFIX = "COMMITTED ";

    private SpoolCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        FileSpool spool = FileSpool.open(SpoolSettings.defaults(Path.of(args[0])));
        int threads = Integer.parseInt(args[1]);
        PrintStream out = System.out;
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try {
                    while (true) {
                        String id = SpoolFixtures.commit(spool);
                        synchronized (out) {
                            out.println(PREFIX + id);
                            out.flush();
                        }
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                    System.exit(2);
                }
            }, "committer-" + t);
            thread.start();
        }
        if (args.length > 2 && args[2].equals("churn")) {
            Thread churn = new Thread(() -> {
                try {
                    while (true) {
                        churn(spool);
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                    System.exit(3);
                }
            }, "churn");
            churn.start();
        }
    }

    /** One round over the queue: every message is dead-lettered, replayed, and every other one completed. */
    private static void churn(FileSpool spool) throws Exception {
        int n = 0;
        for (String id : spool.queued()) {
            spool.journal(id).put("action:0:0", "done");
            spool.deadLetter(id, "churn");
            spool.replay(id);
            if (n++ % 2 == 0) {
                spool.complete(id);
            }
        }
    }
}
