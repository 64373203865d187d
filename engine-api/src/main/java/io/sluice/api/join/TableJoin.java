package io.sluice.api.join;

import io.sluice.api.codec.Codec;
import io.sluice.api.function.FilterFn;
import java.util.Objects;

/**
 * Options of a stream–table join ({@link JoinBuilder#withTable}), the enrichment join: the right side is a
 * changelog whose latest item per key is the table; each left (stream) item is joined with the table's current
 * value for its key when it is processed.
 *
 * <p><b>Changelog.</b> A right item replaces the key's previous value. A key is deleted only by a right item for
 * which the {@linkplain #withDeletes delete predicate} holds (a tombstone); without one, nothing is ever
 * deleted, and the table holds one value per key seen, for as long as the job runs.
 *
 * <p><b>Time.</b> The join is not aligned on event time: a stream item sees the table as updated by every right
 * item processed before it, in arrival order. The order between the two inputs is that of arrival at the join
 * instance, so load the table first (or accept that early stream items may miss updates racing them). Nothing
 * is late and nothing is dropped for lateness.
 *
 * <p>Immutable.
 *
 * @param <R> the table (right) item type
 */
public final class TableJoin<R> {

    private final boolean leftOuter;
    private final Codec<R> tableCodec;
    private final FilterFn<? super R> isDelete;

    private TableJoin(boolean leftOuter, Codec<R> tableCodec, FilterFn<? super R> isDelete) {
        this.leftOuter = leftOuter;
        this.tableCodec = Objects.requireNonNull(tableCodec, "tableCodec");
        this.isDelete = isDelete;
    }

    /**
     * Inner join: a stream item whose key has no table value produces nothing.
     *
     * @param tableCodec writes the table's values to snapshots
     */
    public static <R> TableJoin<R> inner(Codec<R> tableCodec) {
        return new TableJoin<>(false, tableCodec, null);
    }

    /**
     * Left-outer join: a stream item whose key has no table value is joined with {@code null}, so every stream
     * item produces exactly one output.
     *
     * @param tableCodec writes the table's values to snapshots
     */
    public static <R> TableJoin<R> leftOuter(Codec<R> tableCodec) {
        return new TableJoin<>(true, tableCodec, null);
    }

    /**
     * Right items for which {@code isDelete} is true are tombstones: they delete their key from the table
     * instead of becoming its value. Called like a {@code FilterFn} of a stage.
     */
    public TableJoin<R> withDeletes(FilterFn<? super R> isDelete) {
        return new TableJoin<>(leftOuter, tableCodec, Objects.requireNonNull(isDelete, "isDelete"));
    }

    public boolean isLeftOuter() {
        return leftOuter;
    }

    public Codec<R> tableCodec() {
        return tableCodec;
    }

    /** The tombstone predicate, or {@code null} when the changelog has no deletes. */
    public FilterFn<? super R> isDelete() {
        return isDelete;
    }

    @Override
    public String toString() {
        return (leftOuter ? "left-outer" : "inner") + (isDelete != null ? ", with deletes" : "");
    }
}
