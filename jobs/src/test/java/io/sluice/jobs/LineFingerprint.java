package io.sluice.jobs;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An order-independent fingerprint of lines (count, sum and sum of squares of 64-bit FNV-1a hashes): equal for
 * the same multiset of lines; a lost, duplicated or altered line changes it. Keeps millions of lines out of a
 * test's heap. Add lines with {@link #add}; the record itself is immutable.
 */
public record LineFingerprint(long lines, long sum, long sumOfSquares) {

    public static final LineFingerprint EMPTY = new LineFingerprint(0, 0, 0);

    /** This fingerprint with one more line. */
    public LineFingerprint add(CharSequence line) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < line.length(); i++) {
            h = (h ^ line.charAt(i)) * 0x100000001b3L;
        }
        return new LineFingerprint(lines + 1, sum + h, sumOfSquares + h * h);
    }

    /** The fingerprint of a file's lines. */
    public static LineFingerprint of(Path file) throws IOException {
        LineFingerprint f = EMPTY;
        try (BufferedReader in = Files.newBufferedReader(file)) {
            for (String line; (line = in.readLine()) != null; ) {
                f = f.add(line);
            }
        }
        return f;
    }
}
