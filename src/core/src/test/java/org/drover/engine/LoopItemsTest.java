package org.drover.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.playbook.LoopControl;
import org.drover.playbook.LoopWith;
import org.drover.template.JinjavaTemplater;
import org.junit.jupiter.api.Test;

/** The with_X lookups and loop checks, against what Ansible 2.14's lookup plugins return. */
class LoopItemsTest {
    private static final JinjavaTemplater T = new JinjavaTemplater();

    private static List<?> items(String lookup, Object terms, Map<String, Object> vars) {
        return LoopItems.of(new LoopWith(lookup, terms), T, vars);
    }

    @Test
    void with_items_flattens_one_level_and_listifies_a_string() {
        Map<String, Object> vars = Map.of("l", List.of("a", "b"));
        assertThat(items("items", List.of("{{ l }}", List.of("x", List.of("y")), "w"), vars))
                .isEqualTo(List.of("a", "b", "x", List.of("y"), "w"));
        assertThat(items("items", " {{ l | join(',') }} ", vars)).isEqualTo(List.of("a,b"));
        assertThat(items("list", "{{ l }}", vars)).isEqualTo(List.of("a", "b"));
    }

    @Test
    void with_dict_indexed_together_nested() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("x", 1);
        d.put("y", 2);
        assertThat(items("dict", "{{ d }}", Map.of("d", d)))
                .isEqualTo(List.of(Map.of("key", "x", "value", 1L), Map.of("key", "y", "value", 2L)));
        assertThat(items("indexed_items", List.of("a", "b"), Map.of()))
                .isEqualTo(List.of(List.of(0, "a"), List.of(1, "b")));
        assertThat(items("together", List.of(List.of("a", "b"), List.of(1)), Map.of()))
                .isEqualTo(List.of(List.of("a", 1), java.util.Arrays.asList("b", null)));
        assertThat(items("nested", List.of(List.of(1, 2), List.of("x", "y")), Map.of()))
                .isEqualTo(List.of(List.of(1, "x"), List.of(1, "y"), List.of(2, "x"), List.of(2, "y")));
    }

    @Test
    void with_sequence_forms() {
        assertThat(LoopItems.sequence("5")).containsExactly("1", "2", "3", "4", "5");
        assertThat(LoopItems.sequence("2-10/4:n%02d")).containsExactly("n02", "n06", "n10");
        assertThat(LoopItems.sequence("start=0x0a count=3 format=%x")).containsExactly("a", "b", "c");
        assertThat(LoopItems.sequence("start=5 end=1 stride=-2")).containsExactly("5", "3", "1");
        assertThat(LoopItems.sequence("count=0")).isEmpty();
        assertThatThrownBy(() -> LoopItems.sequence("start=1")).hasMessage("must specify count or end in with_sequence");
        assertThatThrownBy(() -> LoopItems.sequence("start=5 end=1"))
                .hasMessage("to count backwards make stride negative");
        assertThatThrownBy(() -> LoopItems.sequence("end=3 step=1"))
                .hasMessage("unrecognized arguments to with_sequence: [step]");
        assertThatThrownBy(() -> LoopItems.sequence("end=010")).hasMessage("can't parse end=010 as integer");
    }

    @Test
    void a_loop_that_is_no_list_fails_with_ansibles_message() {
        assertThatThrownBy(() -> LoopItems.of("abc", T, Map.of()))
                .hasMessageStartingWith("Invalid data passed to 'loop', it requires a list, got this instead: abc.");
        assertThatThrownBy(() -> items("dict", List.of(1), Map.of())).hasMessage("with_dict expects a dict");
        assertThatThrownBy(() -> items("list", "{{ d }}", Map.of("d", Map.of("a", 1))))
                .hasMessage("with_list expects a list");
    }

    @Test
    void extended_loop_variables() {
        LoopControl lc = new LoopControl("x", "i", null, 0, true, false);
        Map<String, Object> v = LoopRunner.loopVars(lc, List.of("a", "b", "c"), 1);
        assertThat(v).containsEntry("x", "b").containsEntry("i", 1).containsEntry("ansible_index_var", "i")
                .containsEntry("ansible_loop_var", "x");
        @SuppressWarnings("unchecked")
        Map<String, Object> loop = (Map<String, Object>) v.get("ansible_loop");
        assertThat(loop).containsEntry("index", 2).containsEntry("revindex0", 1).containsEntry("previtem", "a")
                .containsEntry("nextitem", "c").containsEntry("first", false).doesNotContainKey("allitems");
        assertThat(LoopRunner.loopVars(LoopControl.DEFAULT, List.of("a"), 0)).doesNotContainKey("ansible_loop");
    }
}
