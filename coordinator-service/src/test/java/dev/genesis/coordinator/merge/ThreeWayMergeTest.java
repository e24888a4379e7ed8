package dev.genesis.coordinator.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ThreeWayMergeTest {

    private static Optional<String> merge(String base, String ours, String theirs) {
        return ThreeWayMerge.merge(utf8(base), utf8(ours), utf8(theirs))
                .map(b -> new String(b, StandardCharsets.UTF_8));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void editsOfDifferentLinesBothLand() {
        assertThat(merge("a\nb\nc\nd\n", "A\nb\nc\nd\n", "a\nb\nc\nD\n")).contains("A\nb\nc\nD\n");
    }

    @Test
    void editsOfNeighbouringLinesBothLand() {
        assertThat(merge("a\nb\nc\n", "A\nb\nc\n", "a\nB\nc\n")).contains("A\nB\nc\n");
    }

    @Test
    void insertionsAtDifferentPlacesBothLand() {
        assertThat(merge("a\nb\n", "x\na\nb\n", "a\nb\ny\n")).contains("x\na\nb\ny\n");
    }

    @Test
    void editsOfTheSameLineConflict() {
        assertThat(merge("a\nb\nc\n", "a\nB1\nc\n", "a\nB2\nc\n")).isEmpty();
    }

    @Test
    void twoInsertionsAtTheSamePlaceConflict() {
        assertThat(merge("a\nb\n", "a\nx\nb\n", "a\ny\nb\n")).isEmpty();
    }

    @Test
    void aDeletionOverlappingAnEditConflicts() {
        assertThat(merge("a\nb\nc\nd\n", "a\nd\n", "a\nb\nC\nd\n")).isEmpty();
    }

    @Test
    void theSameEditOnBothSidesLandsOnce() {
        assertThat(merge("a\nb\nc\n", "a\nB\nc\n", "a\nB\nc\nd\n")).contains("a\nB\nc\nd\n");
    }

    @Test
    void lineEndingsAndAMissingFinalNewlineSurvive() {
        assertThat(merge("a\r\nb\r\nc", "A\r\nb\r\nc", "a\r\nb\r\nC")).contains("A\r\nb\r\nC");
    }

    @Test
    void binaryContentNeverMerges() {
        byte[] base = {1, 2, (byte) 0xff};
        assertThat(ThreeWayMerge.merge(base, new byte[] {1, 3, (byte) 0xff}, new byte[] {1, 2, (byte) 0xfe}))
                .isEmpty();
    }

    @Test
    void linesKeepTheirExactBytes() {
        byte[] text = utf8("\uFEFFhé\r\nwörld\n\nlast");
        assertThat(Lines.join(Lines.of(text).orElseThrow())).isEqualTo(text);
        assertThat(Lines.of(text).orElseThrow()).hasSize(4);
    }
}
