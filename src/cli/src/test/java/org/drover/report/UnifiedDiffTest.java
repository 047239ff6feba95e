package org.drover.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnifiedDiffTest {
    @Test
    void oneChangedLineWithContext() {
        String before = "a\nb\nc\nd\ne\nf\ng\nh\n";
        String after = "a\nb\nc\nd\nE\nf\ng\nh\n";
        assertThat(UnifiedDiff.diff("f", before, after)).containsExactly(
                "--- f (before)", "+++ f (after)", "@@ -2,7 +2,7 @@", " b", " c", " d", "-e", "+E", " f", " g", " h");
    }

    @Test
    void newFileIsAllAdditions() {
        assertThat(UnifiedDiff.diff("f", "", "x\ny\n")).containsExactly(
                "--- f (before)", "+++ f (after)", "@@ -0,0 +1,2 @@", "+x", "+y");
    }

    @Test
    void distantChangesMakeTwoHunks() {
        StringBuilder a = new StringBuilder(), b = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            a.append(i).append('\n');
            b.append(i == 2 ? "two" : i == 18 ? "eighteen" : String.valueOf(i)).append('\n');
        }
        List<String> d = UnifiedDiff.diff("f", a.toString(), b.toString());
        assertThat(d.stream().filter(l -> l.startsWith("@@")).toList()).containsExactly("@@ -1,5 +1,5 @@", "@@ -15,6 +15,6 @@");
        assertThat(d).contains("-2", "+two", "-18", "+eighteen");
    }

    @Test
    void equalTextsHaveNoDiffAndMissingNewlineIsMarked() {
        assertThat(UnifiedDiff.diff("f", "x\n", "x\n")).isEmpty();
        assertThat(UnifiedDiff.diff("f", "x\n", "x")).contains("+x\n\\ No newline at end of file");
    }

    @Test
    void insertionsAndDeletionsAlign() {
        assertThat(UnifiedDiff.diff("f", "a\nb\nc\n", "a\nc\nd\n")).containsExactly(
                "--- f (before)", "+++ f (after)", "@@ -1,3 +1,3 @@", " a", "-b", " c", "+d");
    }
}
