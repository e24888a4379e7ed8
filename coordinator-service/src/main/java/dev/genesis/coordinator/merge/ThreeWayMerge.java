package dev.genesis.coordinator.merge;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Line-based three-way merge: the edits base → ours and base → theirs both land when they touch
 * different lines of the base. They conflict when their base ranges overlap, or when both insert
 * at the same place, unless both sides made exactly the same edit (which then lands once).
 * Edits on neighbouring lines do not conflict. Binary content (not UTF-8) never merges.
 */
public final class ThreeWayMerge {

    private ThreeWayMerge() {
    }

    /** One side's replacement of base lines [start, end) — an insertion when start == end. */
    private record Edit(int start, int end, List<String> lines) {

        static Edit of(AbstractDelta<String> delta) {
            int start = delta.getSource().getPosition();
            return new Edit(start, start + delta.getSource().size(), delta.getTarget().getLines());
        }

        /** Whether this edit, starting at or after {@code earlier}, touches the same base lines. */
        boolean clashesWith(Edit earlier) {
            return start == earlier.start || start < earlier.end;
        }
    }

    /** The merged bytes, or empty when the two sides conflict or a side is not text. */
    public static Optional<byte[]> merge(byte[] base, byte[] ours, byte[] theirs) {
        Optional<List<String>> baseLines = Lines.of(base);
        Optional<List<String>> ourLines = Lines.of(ours);
        Optional<List<String>> theirLines = Lines.of(theirs);
        if (baseLines.isEmpty() || ourLines.isEmpty() || theirLines.isEmpty()) {
            return Optional.empty();
        }
        return merge(baseLines.get(), ourLines.get(), theirLines.get()).map(Lines::join);
    }

    /** The merged lines, or empty on a conflict. */
    public static Optional<List<String>> merge(List<String> base, List<String> ours, List<String> theirs) {
        List<Edit> edits = new ArrayList<>();
        DiffUtils.diff(base, ours).getDeltas().forEach(d -> edits.add(Edit.of(d)));
        DiffUtils.diff(base, theirs).getDeltas().forEach(d -> edits.add(Edit.of(d)));
        // By start, insertions first: each side's own edits never overlap, so after this sort any
        // overlap is between the two sides and shows up against the edit applied just before.
        edits.sort(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::end));
        List<String> out = new ArrayList<>();
        int next = 0;
        Edit previous = null;
        for (Edit edit : edits) {
            if (previous != null && edit.clashesWith(previous)) {
                if (edit.equals(previous)) {
                    continue;
                }
                return Optional.empty();
            }
            out.addAll(base.subList(next, edit.start()));
            out.addAll(edit.lines());
            next = edit.end();
            previous = edit;
        }
        out.addAll(base.subList(next, base.size()));
        return Optional.of(out);
    }
}
