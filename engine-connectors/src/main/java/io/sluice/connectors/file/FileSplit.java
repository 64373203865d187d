package io.sluice.connectors.file;

import io.sluice.api.connector.SourceSplit;

/**
 * One file of a {@code file:} source and the reader's position in it. Immutable.
 *
 * @param path   the absolute, normalised path
 * @param offset byte offset of the next line to read
 * @param line   1-based number of that line (for error messages)
 */
record FileSplit(String path, long offset, long line) implements SourceSplit {

    FileSplit {
        if (offset < 0 || line < 1) {
            throw new IllegalArgumentException("invalid file split position: offset " + offset + ", line " + line);
        }
    }

    /** A split at the start of {@code path}. */
    static FileSplit start(String path) {
        return new FileSplit(path, 0, 1);
    }

    @Override
    public String splitId() {
        return path;
    }
}
