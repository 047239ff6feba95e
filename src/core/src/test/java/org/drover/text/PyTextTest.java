package org.drover.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected values are Python 3.11's own repr() and ast.literal_eval() of the same input. */
class PyTextTest {
    @Test
    void repr_of_scalars_and_containers() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("n", null);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k", List.of(1L, inner));
        assertThat(PyText.repr(Arrays.asList(1L, "two", null, true, 1.5))).isEqualTo("[1, 'two', None, True, 1.5]");
        assertThat(PyText.repr(m)).isEqualTo("{'k': [1, {'n': None}]}");
        assertThat(PyText.str("plain")).isEqualTo("plain");
        assertThat(PyText.str(false)).isEqualTo("False");
        assertThat(PyText.str(null)).isEqualTo("None");
        assertThat(PyText.repr(new LinkedHashSet<>(List.of(1L, 2L)))).isEqualTo("{1, 2}");
        assertThat(PyText.repr(new LinkedHashSet<>())).isEqualTo("set()");
    }

    @Test
    void strings_are_quoted_and_escaped_as_python_does() {
        // repr(["it's", 'a"b', 'both\'"', '\t\x01\u2028é☃😀', '\\'])
        assertThat(PyText.repr(List.of("it's", "a\"b", "both'\"", "\t\u0001\u2028é☃\uD83D\uDE00", "\\")))
                .isEqualTo("[\"it's\", 'a\"b', 'both\\'\"', '\\t\\x01\\u2028é☃\uD83D\uDE00', '\\\\']");
    }

    @Test
    void floats_as_python_repr() {
        // repr([1e16, 1e-5, 0.1+0.2, 3.0, -0.0, float('inf'), 1e15, 123456789012345678.0, 1.5e-7])
        assertThat(PyText.repr(List.of(1e16, 1e-5, 0.1 + 0.2, 3.0, -0.0, Double.POSITIVE_INFINITY, 1e15,
                123456789012345678.0, 1.5e-7))).isEqualTo("[1e+16, 1e-05, 0.30000000000000004, 3.0, -0.0, inf, "
                + "1000000000000000.0, 1.2345678901234568e+17, 1.5e-07]");
    }

    @Test
    void literal_eval_reads_python_literals() throws Exception {
        assertThat(PyLiteral.eval("[1, 'two', None, True, 1.5]", false)).isEqualTo(Arrays.asList(1L, "two", null, true, 1.5));
        assertThat(PyLiteral.eval("{'k': [1, {'n': None}]}", false)).isEqualTo(Map.of("k", List.of(1L,
                new LinkedHashMap<>(java.util.Collections.singletonMap("n", null)))));
        assertThat(PyLiteral.eval("('a',)", false)).isEqualTo(List.of("a"));
        assertThat(PyLiteral.eval("()", false)).isEqualTo(List.of());
        assertThat(PyLiteral.eval("(1)", false)).isEqualTo(1L);
        assertThat(PyLiteral.eval("{1, 2}", false)).isEqualTo(new LinkedHashSet<>(List.of(1L, 2L)));
        assertThat(PyLiteral.eval("'a' \"b\"", false)).isEqualTo("ab");
        assertThat(PyLiteral.eval("r'\\d'", false)).isEqualTo("\\d");
        assertThat(PyLiteral.eval("'\\x41\\u00e9\\n\\N{SNOWMAN}'", false)).isEqualTo("Aé\n☃");
        assertThat(PyLiteral.eval("'''a\nb'''", false)).isEqualTo("a\nb");
        assertThat(PyLiteral.eval("[1,]", false)).isEqualTo(List.of(1L));
        assertThat(PyLiteral.eval("{}", false)).isEqualTo(Map.of());
        assertThat(PyLiteral.eval("[1] # c", false)).isEqualTo(List.of(1L));
        assertThat(PyLiteral.eval("[\n1,\n2\n]", false)).isEqualTo(List.of(1L, 2L));
    }

    @Test
    void literal_eval_numbers() throws Exception {
        assertThat(PyLiteral.eval("0x1F", false)).isEqualTo(31L);
        assertThat(PyLiteral.eval("0o17", false)).isEqualTo(15L);
        assertThat(PyLiteral.eval("0b101", false)).isEqualTo(5L);
        assertThat(PyLiteral.eval("1_000", false)).isEqualTo(1000L);
        assertThat(PyLiteral.eval("-5", false)).isEqualTo(-5L);
        assertThat(PyLiteral.eval("+5", false)).isEqualTo(5L);
        assertThat(PyLiteral.eval("1.5e3", false)).isEqualTo(1500.0);
        assertThat(PyLiteral.eval(".5", false)).isEqualTo(0.5);
        assertThat(PyLiteral.eval("1.", false)).isEqualTo(1.0);
        assertThat(PyLiteral.eval("9223372036854775808", false)).isEqualTo(new BigInteger("9223372036854775808"));
        assertThat(PyLiteral.eval("-9223372036854775809", false)).isEqualTo(new BigInteger("-9223372036854775809"));
    }

    @Test
    void what_literal_eval_refuses() throws Exception {
        // Python: ValueError or SyntaxError for each (1j and b'x' Python reads; drover leaves them text)
        for (String s : List.of("2**3", "x", "007", "1e", "[", " 1", "true", "1j", "b'x'", "f'x'", "[1] 2")) {
            assertThatThrownBy(() -> PyLiteral.eval(s, false)).as(s).isInstanceOf(PyLiteral.NotALiteral.class);
        }
        // Ansible's templating also reads JSON's names
        assertThat(PyLiteral.eval("{\"a\": true, \"b\": null}", true)).isEqualTo(new LinkedHashMap<>(Map.of("a", true)) {
            {
                put("b", null);
            }
        });
    }
}
