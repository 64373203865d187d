package io.sluice.api.connector;

/** What a {@link SourceReader#read} call found. */
public enum ReadStatus {
    /** Records were emitted, or more are ready: call again soon. */
    MORE_AVAILABLE,
    /** Nothing ready now (e.g. waiting for a rate limit or a broker); the worker may idle before calling again. */
    NOTHING_AVAILABLE,
    /** This reader's splits are exhausted; it will not be called again. */
    END_OF_INPUT
}
