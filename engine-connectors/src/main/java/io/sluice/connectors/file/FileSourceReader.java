package io.sluice.connectors.file;

import io.sluice.api.BadInputException;
import io.sluice.api.codec.Codec;
import io.sluice.api.connector.ReadStatus;
import io.sluice.api.connector.SourceOutput;
import io.sluice.api.connector.SourceReader;
import io.sluice.api.connector.SourceSplit;
import io.sluice.connectors.dlq.BadRecords;
import io.sluice.connectors.dlq.ErrorPolicy;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the files of one {@code file:} source instance, one after the other, line by line: each non-blank
 * line is decoded by the codec straight from the read buffer and emitted without a timestamp (the job's
 * watermark policy assigns event time). A line the codec rejects fails the job with a
 * {@link BadInputException} reading {@code <file>:<line>: <reason>}.
 *
 * <p>Called from one worker thread only (see {@link SourceReader}). A call emits at most {@code maxRecords}
 * records and examines a bounded number of lines, so it returns promptly; the call that reaches the end of
 * the last file returns {@link ReadStatus#END_OF_INPUT}.
 *
 * <p>With {@code onError=skip} or {@code onError=dlq} on the URI, a line the codec rejects is counted and dropped or
 * sent to the dead-letter sink instead (position {@code <file>:<line>}), and reading goes on.
 *
 * @param <T> the record type
 */
final class FileSourceReader<T> implements SourceReader<T> {

    static final int BUFFER_SIZE = 64 * 1024;
    /** Blank lines examined per call beyond {@code maxRecords}, so a file of blank lines cannot stall a worker. */
    private static final int EXTRA_LINES_PER_CALL = 4096;

    private final Codec<T> codec;
    private final int bufferSize;
    private final BadRecords badRecords;
    private final String jobName;
    /** Set by {@link #decodeLine()} when the line was bad and went to {@link #badRecords} instead. */
    private boolean lineHandled;
    /** Per split its latest position; the current split's is refreshed from the scanner when snapshotting. */
    private final FileSplit[] splits;
    private int current;
    private LineScanner scanner;

    FileSourceReader(Codec<T> codec, List<FileSplit> splits, int bufferSize) {
        this(codec, splits, bufferSize, null, null);
    }

    /**
     * @param badRecords what to do with a line the codec rejects ({@code onError}); {@code null} fails the job
     * @param jobName    for the dead-letter sink
     */
    FileSourceReader(Codec<T> codec, List<FileSplit> splits, int bufferSize, BadRecords badRecords, String jobName) {
        this.codec = codec;
        this.bufferSize = bufferSize;
        this.splits = splits.toArray(new FileSplit[0]);
        this.badRecords = badRecords != null && badRecords.policy() != ErrorPolicy.FAIL ? badRecords : null;
        this.jobName = jobName;
    }

    @Override
    public void open() throws Exception {
        if (badRecords != null) {
            badRecords.open(jobName);
        }
    }

    @Override
    public ReadStatus read(SourceOutput<T> out, int maxRecords) throws Exception {
        int emitted = 0;
        int lineBudget = maxRecords + EXTRA_LINES_PER_CALL;
        while (emitted < maxRecords && lineBudget-- > 0) {
            if (scanner == null) {
                if (current == splits.length) {
                    return ReadStatus.END_OF_INPUT;
                }
                scanner = openScanner(splits[current]);
            }
            if (!scanner.next()) {
                finishCurrent();
                continue;
            }
            if (scanner.lineIsBlank()) {
                continue;
            }
            T record = decodeLine();
            if (!lineHandled) {
                out.emit(record);
                emitted++;
            }
        }
        return ReadStatus.MORE_AVAILABLE;
    }

    private T decodeLine() throws Exception {
        lineHandled = false;
        try {
            return codec.decode(scanner.buffer(), scanner.lineStart(), scanner.lineLength());
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() != null ? e.getMessage().lines().findFirst().orElse("") : e.toString();
            String position = splits[current].path() + ":" + scanner.lineNumber();
            if (badRecords == null) {
                throw new BadInputException(position + ": " + reason, e);
            }
            badRecords.handle(position, scanner.buffer(), scanner.lineStart(), scanner.lineLength(), null, null, reason, e);
            lineHandled = true;
            return null;
        }
    }

    private LineScanner openScanner(FileSplit split) {
        FileChannel channel;
        try {
            channel = FileChannel.open(Path.of(split.path()), StandardOpenOption.READ);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + split.path() + ": " + FileConnectorFactory.reason(e), e);
        }
        try {
            return new LineScanner(channel, split.offset(), split.line(), bufferSize);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw new BadInputException("cannot read " + split.path() + ": " + FileConnectorFactory.reason(e), e);
        }
    }

    private void finishCurrent() throws IOException {
        splits[current] = positionOfCurrent();
        LineScanner done = scanner;
        scanner = null;
        current++;
        done.close();
    }

    private FileSplit positionOfCurrent() {
        FileSplit split = splits[current];
        return new FileSplit(split.path(), scanner.nextOffset(), scanner.nextLineNumber());
    }

    @Override
    public List<SourceSplit> snapshotSplits(long checkpointId) {
        List<SourceSplit> snapshot = new ArrayList<>(splits.length);
        for (int j = 0; j < splits.length; j++) {
            snapshot.add(j == current && scanner != null ? positionOfCurrent() : splits[j]);
        }
        return snapshot;
    }

    @Override
    public void close() throws Exception {
        try {
            if (scanner != null) {
                LineScanner open = scanner;
                scanner = null;
                open.close();
            }
        } finally {
            if (badRecords != null) {
                badRecords.close();
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already failing; the first error is the one to report
        }
    }
}
