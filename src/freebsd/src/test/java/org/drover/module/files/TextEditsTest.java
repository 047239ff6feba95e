package org.drover.module.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.drover.module.Args;
import org.junit.jupiter.api.Test;

/** blockinfile's and replace's edits, pure. */
class TextEditsTest {
    static BlockEdit.Params block(String block, String after, String before, boolean present) {
        return new BlockEdit.Params("# {mark} ANSIBLE MANAGED BLOCK", "BEGIN", "END", block, after, before, present);
    }

    @Test
    void blockAppendedThenUnchanged() {
        BlockEdit.Result r = BlockEdit.edit("a\nb", block("x\ny", null, null, true));
        assertThat(r.content()).isEqualTo("a\nb\n# BEGIN ANSIBLE MANAGED BLOCK\nx\ny\n# END ANSIBLE MANAGED BLOCK\n");
        assertThat(r.msg()).isEqualTo("Block inserted");
        assertThat(BlockEdit.edit(r.content(), block("x\ny", null, null, true)).msg()).isEmpty();
    }

    @Test
    void aBlockEditedByHandBetweenTheMarkersIsPutBack() {
        String hand = "top\n# BEGIN ANSIBLE MANAGED BLOCK\nx\nhand made\n# END ANSIBLE MANAGED BLOCK\nbottom\n";
        BlockEdit.Result r = BlockEdit.edit(hand, block("x\ny\n", null, null, true));
        assertThat(r.content()).isEqualTo("top\n# BEGIN ANSIBLE MANAGED BLOCK\nx\ny\n# END ANSIBLE MANAGED BLOCK\n"
                + "bottom\n");
        BlockEdit.Result gone = BlockEdit.edit(hand, block("x", null, null, false));
        assertThat(gone.content()).isEqualTo("top\nbottom\n");
        assertThat(gone.msg()).isEqualTo("Block removed");
    }

    @Test
    void insertAfterAndBeforeTheLastMatchBofAndCreate() {
        String text = "a\nb\na\nc\n";
        assertThat(BlockEdit.edit(text, block("X", "^a", null, true)).content())
                .isEqualTo("a\nb\na\n# BEGIN ANSIBLE MANAGED BLOCK\nX\n# END ANSIBLE MANAGED BLOCK\nc\n");
        assertThat(BlockEdit.edit(text, block("X", null, "^b", true)).content())
                .isEqualTo("a\n# BEGIN ANSIBLE MANAGED BLOCK\nX\n# END ANSIBLE MANAGED BLOCK\nb\na\nc\n");
        assertThat(BlockEdit.edit(text, block("X", null, "BOF", true)).content())
                .startsWith("# BEGIN ANSIBLE MANAGED BLOCK\nX\n");
        assertThat(BlockEdit.edit(text, block("X", "^nomatch", null, true)).content()).endsWith("c\n# BEGIN "
                + "ANSIBLE MANAGED BLOCK\nX\n# END ANSIBLE MANAGED BLOCK\n");
        BlockEdit.Result created = BlockEdit.edit(null, block("X", null, null, true));
        assertThat(created.msg()).isEqualTo("File created");
    }

    static Args replace(String regexp, String replace, String after, String before) {
        Map<String, Object> m = new HashMap<>();
        m.put("regexp", regexp);
        m.put("replace", replace);
        if (after != null) {
            m.put("after", after);
        }
        if (before != null) {
            m.put("before", before);
        }
        return Args.of(m);
    }

    @Test
    void replaceIsMultilineWithPythonGroups() {
        ReplaceModule.Edit e = ReplaceModule.edit("#Port 22\nPort 2222\n", replace("^#?Port (\\d+)$", "Port \\g<1>0", null, null));
        assertThat(e.text()).isEqualTo("Port 220\nPort 22220\n");
        assertThat(e.count()).isEqualTo(2);
    }

    @Test
    void replaceWithNoMatchChangesNothing() {
        ReplaceModule.Edit e = ReplaceModule.edit("a\nb\n", replace("^zzz", "y", null, null));
        assertThat(e.count()).isZero();
        assertThat(e.text()).isEqualTo("a\nb\n");
        ReplaceModule.Edit section = ReplaceModule.edit("a\nb\n", replace("a", "y", "nope", null));
        assertThat(section.sectionMiss()).isEqualTo("nope(?P<subsection>.*)");
    }

    @Test
    void replaceOnlyBetweenAfterAndBefore() {
        String text = "x=1\n[s]\nx=1\n[t]\nx=1\n";
        ReplaceModule.Edit e = ReplaceModule.edit(text, replace("^x=1$", "x=2", "\\[s\\]", "\\[t\\]"));
        assertThat(e.text()).isEqualTo("x=1\n[s]\nx=2\n[t]\nx=1\n");
    }
}
