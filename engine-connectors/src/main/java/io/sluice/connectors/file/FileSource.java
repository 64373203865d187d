package io.sluice.connectors.file;

import io.sluice.api.BadInputException;
import io.sluice.api.codec.Codec;
import io.sluice.api.connector.BadRecordCounter;
import io.sluice.api.connector.Source;
import io.sluice.api.connector.SourceContext;
import io.sluice.api.connector.SourceReader;
import io.sluice.api.connector.SourceSplit;
import io.sluice.connectors.dlq.BadRecords;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code file:} source: JSON lines (or whatever the codec reads, one record per line) from one file or from
 * the {@code *.jsonl} files of a directory, one split per file. Bounded. Immutable.
 *
 * @param <T> the record type
 */
final class FileSource<T> implements Source<T>, BadRecordCounter {

    private final String name;
    private final List<Path> files;
    private final Codec<T> codec;
    private final BadRecords badRecords;

    FileSource(String name, List<Path> files, Codec<T> codec, BadRecords badRecords) {
        this.name = name;
        this.files = List.copyOf(files);
        this.codec = codec;
        this.badRecords = badRecords;
    }

    /** Lines skipped or dead-lettered so far ({@code onError=skip|dlq}). */
    @Override
    public long badRecords() {
        return badRecords.count();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isBounded() {
        return true;
    }

    @Override
    public int maxParallelism() {
        return files.size();
    }

    @Override
    public List<SourceSplit> createSplits(int parallelism) {
        List<SourceSplit> splits = new ArrayList<>(files.size());
        for (Path file : files) {
            splits.add(FileSplit.start(file.toString()));
        }
        return splits;
    }

    @Override
    public SourceReader<T> createReader(SourceContext context) {
        List<FileSplit> splits = new ArrayList<>(context.splits().size());
        for (SourceSplit split : context.splits()) {
            if (!(split instanceof FileSplit fileSplit)) {
                throw new BadInputException(name + ": cannot read split " + split.splitId() + " (not a file split)");
            }
            splits.add(fileSplit);
        }
        return new FileSourceReader<>(codec, splits, FileSourceReader.BUFFER_SIZE, badRecords, context.jobName());
    }

    @Override
    public Codec<SourceSplit> splitCodec() {
        return FileSplitCodec.INSTANCE;
    }

    @Override
    public String toString() {
        return name;
    }
}
