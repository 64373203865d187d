package io.sluice.connectors.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Splits a file into lines without making a {@code String} per line: it reads chunks into one byte buffer and
 * exposes each line as a slice of it ({@link #buffer()}, {@link #lineStart()}, {@link #lineLength()}), valid
 * until the next call to {@link #next()}. A line ends at {@code '\n'}; a trailing {@code '\r'} is dropped, a
 * UTF-8 byte-order mark at the start of the file is skipped, and the last line may lack its newline. The
 * buffer grows when a line is longer than it.
 *
 * <p>Not thread-safe; owned by one reader. Closing it closes the channel.
 */
final class LineScanner implements AutoCloseable {

    private final FileChannel channel;
    private byte[] buf;
    /** First byte not yet returned as part of a line. */
    private int start;
    /** Bytes {@code [start, scanned)} are known to hold no newline. */
    private int scanned;
    /** End of the valid data. */
    private int end;
    private boolean eof;
    /** File offset of {@code buf[start]}. */
    private long position;
    /** Number of the line starting at {@code position}. */
    private long nextLineNumber;

    private int lineStart;
    private int lineLength;
    private long lineNumber;

    /** Starts reading {@code channel} at byte {@code offset}, which begins line {@code lineNumber}. */
    LineScanner(FileChannel channel, long offset, long lineNumber, int bufferSize) throws IOException {
        this.channel = channel;
        this.buf = new byte[bufferSize];
        this.position = offset;
        this.nextLineNumber = lineNumber;
        channel.position(offset);
    }

    /** Moves to the next line; {@code false} at the end of the file. May read from the file. */
    boolean next() throws IOException {
        while (true) {
            for (int i = scanned; i < end; i++) {
                if (buf[i] == '\n') {
                    take(i, i + 1);
                    return true;
                }
            }
            scanned = end;
            if (eof) {
                if (start < end) {
                    take(end, end);
                    return true;
                }
                return false;
            }
            fill();
        }
    }

    /** Makes {@code [start, lineEnd)} the current line and continues at {@code nextStart}. */
    private void take(int lineEnd, int nextStart) {
        int s = start;
        if (position == 0 && lineEnd - s >= 3 && buf[s] == (byte) 0xEF && buf[s + 1] == (byte) 0xBB
                && buf[s + 2] == (byte) 0xBF) {
            s += 3;
        }
        int e = lineEnd > s && buf[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
        lineStart = s;
        lineLength = e - s;
        lineNumber = nextLineNumber++;
        position += nextStart - start;
        start = nextStart;
        scanned = nextStart;
    }

    /** Reads more bytes, first moving the unfinished line to the front (or growing the buffer if it fills it). */
    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            scanned -= start;
            start = 0;
        } else if (end == buf.length) {
            if (buf.length >= Integer.MAX_VALUE / 2) {
                throw new IOException("line " + nextLineNumber + " is longer than " + buf.length + " bytes");
            }
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = channel.read(ByteBuffer.wrap(buf, end, buf.length - end));
        if (n < 0) {
            eof = true;
        } else {
            end += n;
        }
    }

    /** The buffer holding the current line; changes when the buffer grows. */
    byte[] buffer() {
        return buf;
    }

    int lineStart() {
        return lineStart;
    }

    int lineLength() {
        return lineLength;
    }

    /** 1-based number of the current line. */
    long lineNumber() {
        return lineNumber;
    }

    /** Whether the current line holds only spaces and tabs. */
    boolean lineIsBlank() {
        for (int i = lineStart, e = lineStart + lineLength; i < e; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** File offset of the line after the current one: where a restored reader continues. */
    long nextOffset() {
        return position;
    }

    /** Number of the line after the current one. */
    long nextLineNumber() {
        return nextLineNumber;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
