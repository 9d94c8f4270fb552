package io.inlet.engine.spool;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static io.inlet.engine.spool.SpoolFixtures.commit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** The size/count bound (452 when full) and an unwritable spool (451). */
class FileSpoolBoundsTest {

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
    void fullByCountCountsQueuedDeadAndInFlightMessages() throws Exception {
        spool = FileSpool.open(new SpoolSettings(root, Long.MAX_VALUE, 3));
        String a = commit(spool, new byte[10]);
        commit(spool, new byte[10]);
        spool.deadLetter(a, "kept for the operator");
        SpoolWriter inFlight = spool.begin();

        assertFull();

        inFlight.close(); // an aborted receive frees its slot
        SpoolWriter next = spool.begin();
        next.close();
        commit(spool, new byte[10]);
        assertFull();

        spool.delete(a); // deleting a dead letter frees a slot too
        spool.begin().close();
    }

    @Test
    void fullByBytes() throws Exception {
        spool = FileSpool.open(new SpoolSettings(root, 1000, 1000));
        String id = commit(spool, new byte[999]);
        spool.begin().close(); // 999 < 1000: still room

        commit(spool, new byte[1]);
        assertFull();

        spool.complete(id);
        assertThat(spool.usage().bytes()).isEqualTo(1);
        spool.begin().close();
    }

    @Test
    void processedMessagesKeptForInspectionDoNotCountAgainstTheBound() throws Exception {
        spool = FileSpool.open(new SpoolSettings(root, 1000, 2));
        String a = commit(spool, new byte[600]);
        String b = commit(spool, new byte[300]);
        assertFull();

        spool.complete(a);
        spool.complete(b);

        assertThat(spool.usage()).isEqualTo(new SpoolUsage(0, 0, 0, 1000, 2, 2, 900));
        commit(spool, new byte[900]);
        spool.begin().close();
        spool.close();
        spool = FileSpool.open(new SpoolSettings(root, 1000, 2)); // and so after a restart
        assertThat(spool.usage()).isEqualTo(new SpoolUsage(1, 0, 900, 1000, 2, 2, 900));
        spool.begin().close();
    }

    @Test
    void bytesBeingReceivedCountAgainstTheBound() throws Exception {
        spool = FileSpool.open(new SpoolSettings(root, 200_000, 1000));
        try (SpoolWriter big = spool.begin()) {
            big.body().write(new byte[300_000]); // more than the buffer: it reached the file
            assertFull();
        }
        spool.begin().close();
    }

    @Test
    void boundsSurviveARestart() throws Exception {
        spool = FileSpool.open(new SpoolSettings(root, 10_000, 2));
        commit(spool, new byte[100]);
        commit(spool, new byte[200]);
        spool.close();

        spool = FileSpool.open(new SpoolSettings(root, 10_000, 2));
        assertThat(spool.usage()).isEqualTo(new SpoolUsage(2, 0, 300, 10_000, 2, 0, 0));
        assertFull();
    }

    @Test
    void aSpoolThatCannotCreateFilesIsNotFullButFailing() throws Exception {
        spool = FileSpool.open(SpoolSettings.defaults(root));
        // works even as root: a file where the directory should be cannot hold new files
        Path incoming = root.resolve("incoming");
        Files.delete(incoming);
        Files.writeString(incoming, "not a directory");

        assertThatThrownBy(spool::begin).isInstanceOfSatisfying(SpoolException.class, e -> {
            assertThat(e.full()).isFalse();
            assertThat(e.getCause()).isInstanceOf(IOException.class);
        });
        assertThat(spool.usage().queuedMessages()).isZero();
        Files.delete(incoming);
        Files.createDirectory(incoming);
        spool.begin().close(); // the failed attempt did not leak its reservation
    }

    @Test
    void aReadOnlyDirectoryIsNotFullButFailing() throws Exception {
        // root ignores permission bits, so this only means something for an ordinary user
        assumeFalse("root".equals(System.getProperty("user.name")), "running as root");
        spool = FileSpool.open(new SpoolSettings(root, Long.MAX_VALUE, 1));
        Path incoming = root.resolve("incoming");
        Files.setPosixFilePermissions(incoming, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assertThatThrownBy(spool::begin).isInstanceOfSatisfying(SpoolException.class,
                    e -> assertThat(e.full()).isFalse());
        } finally {
            Files.setPosixFilePermissions(incoming, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        spool.begin().close(); // bound of 1: the failure released its slot
    }

    private void assertFull() {
        assertThatThrownBy(spool::begin).isInstanceOfSatisfying(SpoolException.class,
                e -> assertThat(e.full()).isTrue());
    }
}
