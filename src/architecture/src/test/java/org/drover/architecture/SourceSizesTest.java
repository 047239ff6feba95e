package org.drover.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The scanner behind SizeLimitsTest, on made-up sources. */
class SourceSizesTest {

    private static String lines(int n, String line) {
        return (line + "\n").repeat(n);
    }

    @Test
    void a_long_method_is_named_with_its_line_and_length() {
        String src = "package p;\n"                                   // 1
                + "class A {\n"                                       // 2
                + "    @Override\n"                                   // 3
                + "    public String toString() {\n"                  // 4
                + lines(60, "        x();")                           // 5..64
                + "    }\n"                                           // 65
                + "    void shortOne() { x(); }\n"
                + "}\n";
        assertThat(SourceSizes.offenders("A.java", src)).containsExactly("A.java:4 A.toString (62 lines)");
    }

    @Test
    void braces_in_comments_strings_chars_and_text_blocks_count_for_nothing() {
        String src = "class A {\n"
                + "    // a } in a comment {\n"
                + "    /* and { here } } */\n"
                + "    String s = \"}}} \\\" {\";\n"
                + "    char c = '}';\n"
                + "    String t = \"\"\"\n        }\n        \\\"\"\" }\n        \"\"\";\n"
                + "    void m() {\n"
                + lines(59, "        x(\"{\");")
                + "    }\n"
                + "}\n";
        // m spans 61 lines: it is counted from its own line, whatever the braces before it.
        assertThat(SourceSizes.offenders("A.java", src)).containsExactly("A.java:10 A.m (61 lines)");
    }

    @Test
    void lambdas_anonymous_classes_and_initializers_are_not_methods_of_their_own() {
        String src = "class A {\n"
                + "    static { init(); }\n"
                + "    Runnable r = () -> {\n" + lines(70, "        x();") + "    };\n"
                + "    Object o = new Object() {\n"
                + "        @Override public String toString() {\n" + lines(70, "            x();") + "        }\n"
                + "    };\n"
                + "    void m() {\n"
                + "        list.forEach(e -> {\n" + lines(10, "            x();") + "        });\n"
                + "    }\n"
                + "}\n";
        List<String> out = SourceSizes.offenders("A.java", src);
        assertThat(out).containsExactly("A.java:76 A.toString (72 lines)");
    }

    @Test
    void a_long_class_and_its_nested_types() {
        String src = "class Big {\n"
                + "    enum E { ONE { void f() { } }, TWO; void g() { } }\n"
                + "    record R(int a, int b) {\n        R {\n            check();\n        }\n    }\n"
                + lines(500, "    int x;")
                + "}\n";
        assertThat(SourceSizes.offenders("Big.java", src)).containsExactly("Big.java:1 Big (508 lines)");
    }

    @Test
    void signatures_over_five_parameters_generics_counted_once() {
        String src = "interface I {\n"
                + "    void five(Map<String, Object> a, int b, int c, int d, int e);\n"
                + "    void six(int a, int b,\n            int c, int d, int e, List<Map<K, V>> f);\n"
                + "}\n"
                + "class C {\n"
                + "    C(@Named(\"x\") int a, int b, int c, int d, int e, int f) throws IOException {\n    }\n"
                + "    <T> T ok(Function<T, R> f) { return null; }\n"
                + "}\n";
        assertThat(SourceSizes.offenders("I.java", src))
                .containsExactly("I.java:3 I.six (6 parameters)", "I.java:7 C.C (6 parameters)");
    }

    @Test
    void a_record_constructor_defaulting_its_last_components_is_data() {
        String src = "record R(int a, int b, int c, int d, int e, List<Map<K, V>> f, int g) {\n"
                + "    R(int a, int b, int c, int d, int e, List<Map<K,  V>> f) {\n        this(a, b, c, d, e, f, 0);\n    }\n"
                + "    R(int a, int b, int c, int d, int e, int g) {\n        this(a, b, c, d, e, null, g);\n    }\n"
                + "}\n";
        assertThat(SourceSizes.offenders("R.java", src)).containsExactly("R.java:5 R.R (6 parameters)");
    }

    @Test
    void control_blocks_and_enum_constants_are_not_methods() {
        String src = "enum Op {\n"
                + "    ADD(1) {\n" + lines(70, "        int x;") + "    },\n"
                + "    SUB(2);\n"
                + "    Op(int n) { }\n"
                + "}\n";
        assertThat(SourceSizes.offenders("Op.java", src)).isEmpty();
    }

    @Test
    void parameter_lists() {
        assertThat(SourceSizes.parameters("")).isZero();
        assertThat(SourceSizes.parameters("int a")).isEqualTo(1);
        assertThat(SourceSizes.parameters("Map<String, List<Integer>> m, int[] a, String... rest")).isEqualTo(3);
    }
}
