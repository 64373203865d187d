package io.sluice.connectors.chronicle;

import io.sluice.api.codec.Codec;
import io.sluice.connectors.io.ByteArrayBuilder;
import java.io.IOException;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Assembles the next excerpt a {@code chronicle:} writer appends ({@link ExcerptLayout}): with a batch size of 1
 * one record (version 1, or 2 when tagged), otherwise up to {@code maxRecords} records, or until the excerpt
 * holds {@link #MAX_BYTES} (version 3 or 4). The writer adds records, appends the excerpt when it is
 * {@linkplain #isFull full} and also at the end of each batch of the worker ({@code flush}), the commit and
 * {@code close}, so a record never waits for records that may never come.
 *
 * <p>Why batches: Chronicle's append protocol costs about 150–250 ns per excerpt on this machine whatever the
 * excerpt holds (its write lock, header CASes and index update on mapped pages); 64 small records per excerpt
 * cost about 30 ns each ({@code docs/performance.md}, Chronicle).
 *
 * <p>Not thread-safe; owned by one writer.
 */
final class ExcerptBatch {

    /** An excerpt takes no more records once it holds this many bytes. */
    static final int MAX_BYTES = 64 * 1024;

    private final byte[] header;
    private final boolean batch;
    private final int maxRecords;
    private final ByteArrayBuilder excerpt = new ByteArrayBuilder(4096);
    private int records;

    /**
     * @param maxRecords the most records per excerpt, at least 1 (1: one per excerpt, the version 1/2 layout)
     * @param tagged     whether excerpts carry {@code writerTag} (an exactly-once writer)
     * @param schema     the schema stamp of every excerpt, or {@code null}
     */
    ExcerptBatch(int maxRecords, boolean tagged, int writerTag, byte[] schema) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("batch of " + maxRecords + " records");
        }
        this.maxRecords = maxRecords;
        this.batch = maxRecords > 1;
        this.header = ExcerptLayout.header(tagged, batch, writerTag, schema);
    }

    /** Encodes {@code record} into the excerpt; if the codec fails, the excerpt is as it was before. */
    <T> void add(Codec<T> codec, T record) throws IOException {
        int mark = start();
        try {
            if (!batch) {
                codec.encode(record, excerpt);
            } else {
                excerpt.write(0); // the length, if it takes one byte; moved up after the record when it takes more
                int at = excerpt.size();
                codec.encode(record, excerpt);
                putLength(mark, at);
            }
        } catch (IOException | RuntimeException e) {
            excerpt.truncate(mark);
            throw e;
        }
        records++;
    }

    /** Adds the record {@code a[off, off + len)}, already encoded. */
    void add(byte[] a, int off, int len) {
        int mark = start();
        if (batch) {
            excerpt.write(0);
            int at = excerpt.size();
            excerpt.write(a, off, len);
            putLength(mark, at);
        } else {
            excerpt.write(a, off, len);
        }
        records++;
    }

    private int start() {
        if (records == 0) {
            excerpt.reset();
            excerpt.write(header, 0, header.length);
        }
        return excerpt.size();
    }

    /** Writes the length of the record from {@code at} to the end as a varint at {@code lengthAt}. */
    private void putLength(int lengthAt, int at) {
        int n = excerpt.size() - at;
        int bytes = ExcerptLayout.varintLength(n);
        if (bytes > 1) {
            excerpt.openGap(at, bytes - 1); // a record of 128 bytes or more: a copy worth less than its encoding
        }
        ExcerptLayout.putVarint(excerpt.array(), lengthAt, n);
    }

    /** Drops the records added since the last append (what a failed commit left). */
    void clear() {
        records = 0;
    }

    boolean isEmpty() {
        return records == 0;
    }

    /** Whether the excerpt should be appended before another record is added. */
    boolean isFull() {
        return records >= maxRecords || excerpt.size() >= MAX_BYTES;
    }

    /** Records in the excerpt being assembled. */
    int records() {
        return records;
    }

    /** Appends the excerpt (not empty) with {@code writeTime}, and starts the next. */
    void appendTo(ExcerptAppender appender, long writeTime) {
        byte[] a = excerpt.array();
        ExcerptLayout.setWriteTime(a, writeTime);
        if (batch) {
            ExcerptLayout.setCount(a, records);
        }
        try (DocumentContext dc = appender.writingDocument()) {
            dc.wire().bytes().write(a, 0, excerpt.size()); // the whole excerpt in one write
        }
        records = 0;
    }
}
