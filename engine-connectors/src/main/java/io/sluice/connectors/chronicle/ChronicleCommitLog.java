package io.sluice.connectors.chronicle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.CRC32C;

/**
 * What an exactly-once {@code chronicle:} writer has committed, in {@code <queue>.staging/<writer>/commit.log}:
 * the writer's current run, the last transaction fully appended to the queue, the queue index after which the
 * next (or a torn) commit's excerpts start, and the transaction being committed, if any. Big-endian:
 *
 * <pre>
 *  0        1            9                  17                 25              33                41                 49
 *  +--------+------------+------------------+------------------+---------------+-----------------+------------------+--------+
 *  | version| run        | committed run    | committed        | start index   | intent run      | intent           | CRC-32C|
 *  |  (1)   | (int64)    | (int64, -1 none) | checkpoint       | (int64, -1 =  | (int64, -1 none)| checkpoint       | of 0-49|
 *  |        |            |                  | (int64)          | queue start)  |                 | (int64)          | (int32)|
 *  +--------+------------+------------------+------------------+---------------+-----------------+------------------+--------+
 * </pre>
 *
 * Replaced atomically (temporary file, then rename), so a crash leaves the old or the new log, never a mix.
 * Immutable.
 *
 * @param run                 the run of the writer that wrote it last (each start takes the next)
 * @param committedRun        the run of the last transaction fully appended, or -1
 * @param committedCheckpoint its checkpoint
 * @param startIndex          the queue's last index before the excerpts of the commit in progress (or the next
 *                            one): a torn commit's excerpts all come after it; -1 for the start of the queue
 * @param intentRun           the run of the transaction being appended (the intent is written before the first
 *                            append, cleared after the last), or -1
 * @param intentCheckpoint    its checkpoint
 */
record ChronicleCommitLog(long run, long committedRun, long committedCheckpoint, long startIndex, long intentRun,
                          long intentCheckpoint) {

    static final String FILE = "commit.log";
    static final byte VERSION = 1;
    static final int LENGTH = 53;
    static final long NONE = -1;

    /** The log of a writer that has committed nothing yet, starting after {@code startIndex}. */
    static ChronicleCommitLog fresh(long run, long startIndex) {
        return new ChronicleCommitLog(run, NONE, NONE, startIndex, NONE, NONE);
    }

    /** Whether {@code txn} was fully appended already (it is not after the last committed transaction). */
    boolean hasCommitted(ChronicleTxn txn) {
        return committedRun != NONE && !txn.isAfter(committedRun, committedCheckpoint);
    }

    /** Whether {@code txn} is the commit a crash interrupted. */
    boolean isTorn(ChronicleTxn txn) {
        return intentRun != NONE && txn.is(intentRun, intentCheckpoint);
    }

    ChronicleCommitLog nextRun() {
        return new ChronicleCommitLog(run + 1, committedRun, committedCheckpoint, startIndex, intentRun, intentCheckpoint);
    }

    /** About to append {@code txn}'s excerpts after {@code queueEnd}. */
    ChronicleCommitLog appending(ChronicleTxn txn, long queueEnd) {
        return new ChronicleCommitLog(run, committedRun, committedCheckpoint, queueEnd, txn.run(), txn.checkpointId());
    }

    /** {@code txn} is fully appended; its last excerpt is {@code lastIndex}. */
    ChronicleCommitLog committed(ChronicleTxn txn, long lastIndex) {
        return new ChronicleCommitLog(run, txn.run(), txn.checkpointId(), lastIndex, NONE, NONE);
    }

    /** The log in {@code dir}, or {@code null} when there is none. */
    static ChronicleCommitLog read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (bytes.length != LENGTH || bytes[0] != VERSION) {
            throw new IOException("commit log " + file + " is damaged or of an unknown version (" + bytes.length + " bytes)");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, LENGTH - 4);
        if ((int) crc.getValue() != buf.getInt(LENGTH - 4)) {
            throw new IOException("commit log " + file + " fails its checksum");
        }
        buf.get();
        return new ChronicleCommitLog(buf.getLong(), buf.getLong(), buf.getLong(), buf.getLong(), buf.getLong(), buf.getLong());
    }

    /** Replaces the log in {@code dir} with this one. */
    void write(Path dir) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(LENGTH).put(VERSION).putLong(run).putLong(committedRun)
                .putLong(committedCheckpoint).putLong(startIndex).putLong(intentRun).putLong(intentCheckpoint);
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), 0, LENGTH - 4);
        buf.putInt((int) crc.getValue());
        Path tmp = dir.resolve(FILE + ".tmp");
        Files.write(tmp, buf.array());
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
