package io.inlet.engine.spool;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/** A 50 MB message streams through the spool without the heap holding it. */
class FileSpoolLargeMessageTest {

    private static final long SIZE = 50L * 1024 * 1024;
    private static final long MAX_GROWTH = 20L * 1024 * 1024;

    @TempDir
    Path root;

    private FileSpool spool;

    @AfterEach
    void close() {
        if (spool != null) {
            spool.close();
        }
    }

    @Test
    void fiftyMegabytesDoNotMoveTheHeap() throws Exception {
        spool = FileSpool.open(SpoolSettings.defaults(root));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        byte[] chunk = new byte[8 * 1024]; // the generator's only buffer, refilled for every write
        CRC32 written = new CRC32();
        long before = usedAfterGc(memory);

        String id;
        long whileOpen;
        try (SpoolWriter writer = spool.begin()) {
            id = writer.messageId();
            OutputStream body = writer.body();
            for (long offset = 0; offset < SIZE; offset += chunk.length) {
                fill(chunk, offset);
                written.update(chunk);
                body.write(chunk);
            }
            // the writer is still open here: anything it kept would still be reachable
            whileOpen = usedAfterGc(memory);
            writer.commit(SpoolFixtures.metadata(id, writer.size()));
            assertThat(writer.size()).isEqualTo(SIZE);
        }
        long afterCommit = usedAfterGc(memory);

        assertThat(whileOpen - before).as("heap growth while receiving").isLessThan(MAX_GROWTH);
        assertThat(afterCommit - before).as("heap growth after commit").isLessThan(MAX_GROWTH);
        assertThat(spool.body(id).size()).isEqualTo(SIZE);
        assertThat(spool.usage().bytes()).isEqualTo(SIZE);
        CRC32 read = new CRC32();
        try (InputStream in = spool.openBody(id)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                read.update(buffer, 0, n);
            }
        }
        assertThat(read.getValue()).isEqualTo(written.getValue());
    }

    private static void fill(byte[] chunk, long offset) {
        for (int i = 0; i < chunk.length; i++) {
            long position = offset + i;
            chunk[i] = (byte) (position % 80 == 78 ? '\r' : position % 80 == 79 ? '\n' : 'A' + position % 23);
        }
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
