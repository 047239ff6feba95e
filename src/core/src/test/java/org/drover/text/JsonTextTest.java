package org.drover.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {
    static Map<String, Object> sample() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", List.of(1L, 2L));
        m.put("a", 1.0);
        m.put("empty", Map.of());
        m.put("none", Arrays.asList(null, true, List.of()));
        return m;
    }

    @Test
    void compactIsOneLineWithoutSpaces() {
        assertThat(JsonText.compact(sample())).isEqualTo("{\"b\":[1,2],\"a\":1.0,\"empty\":{},\"none\":[null,true,[]]}");
    }

    @Test
    void prettyIndentsByFourAndKeepsKeyOrder() {
        assertThat(JsonText.pretty(sample())).isEqualTo("""
                {
                    "b": [
                        1,
                        2
                    ],
                    "a": 1.0,
                    "empty": {},
                    "none": [
                        null,
                        true,
                        []
                    ]
                }""");
    }

    @Test
    void toJsonIsPythonsJsonDumps() {
        // json.dumps({"a": 1, "b": [1, 2]})
        assertThat(JsonText.toJson(Map.of("a", 1L))).isEqualTo("{\"a\": 1}");
        assertThat(JsonText.toJson(sample())).isEqualTo("{\"b\": [1, 2], \"a\": 1.0, \"empty\": {}, \"none\": [null, true, []]}");
    }

    @Test
    void toNiceJsonSortsKeysAndIndentsByFour() {
        assertThat(JsonText.toNiceJson(sample())).isEqualTo("""
                {
                    "a": 1.0,
                    "b": [
                        1,
                        2
                    ],
                    "empty": {},
                    "none": [
                        null,
                        true,
                        []
                    ]
                }""");
        assertThat(JsonText.toNiceJson(Map.of("z", Map.of("y", 1L, "x", 2L)))).isEqualTo("""
                {
                    "z": {
                        "x": 2,
                        "y": 1
                    }
                }""");
    }

    @Test
    void floatsAreWrittenAsPythonsRepr() {
        assertThat(JsonText.pythonFloat(1.0)).isEqualTo("1.0");
        assertThat(JsonText.pythonFloat(-2.5)).isEqualTo("-2.5");
        assertThat(JsonText.pythonFloat(0.1)).isEqualTo("0.1");
        assertThat(JsonText.pythonFloat(0.0001)).isEqualTo("0.0001");
        assertThat(JsonText.pythonFloat(0.00001)).isEqualTo("1e-05");
        assertThat(JsonText.pythonFloat(1e7)).isEqualTo("10000000.0");
        assertThat(JsonText.pythonFloat(1e15)).isEqualTo("1000000000000000.0");
        assertThat(JsonText.pythonFloat(1e16)).isEqualTo("1e+16");
        assertThat(JsonText.pythonFloat(1.5e300)).isEqualTo("1.5e+300");
        assertThat(JsonText.pythonFloat(-0.0)).isEqualTo("-0.0");
        assertThat(JsonText.toJson(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)))
                .isEqualTo("[NaN, Infinity, -Infinity]");
        assertThat(JsonText.compact(List.of(Double.NaN, Double.POSITIVE_INFINITY)))
                .isEqualTo("[\"NaN\",\"Infinity\"]");
    }

    @Test
    void escapesLikePython() {
        String s = "q\"b\\\n\t\r\b\f\u0001\u007fé\u2028😀";
        // drover's own output stays UTF-8
        assertThat(JsonText.compact(s)).isEqualTo("\"q\\\"b\\\\\\n\\t\\r\\b\\f\\u0001\u007fé\\u2028😀\"");
        // json.dumps (ensure_ascii): everything past ASCII as lowercase \\uXXXX, surrogate pairs for astral code points
        assertThat(JsonText.toJson(s)).isEqualTo("\"q\\\"b\\\\\\n\\t\\r\\b\\f\\u0001\\u007f\\u00e9\\u2028\\ud83d\\ude00\"");
        assertThat(JsonText.toJson(Map.of("é", "/"))).isEqualTo("{\"\\u00e9\": \"/\"}");
    }

    @Test
    void otherValuesAreWrittenAsText() {
        assertThat(JsonText.compact(Map.of("p", java.nio.file.Path.of("/etc"), "a", new Object[] {1, "x"})))
                .satisfiesAnyOf(j -> assertThat(j).isEqualTo("{\"p\":\"/etc\",\"a\":[1,\"x\"]}"),
                        j -> assertThat(j).isEqualTo("{\"a\":[1,\"x\"],\"p\":\"/etc\"}"));
    }

    @Test
    void parsesWhatItWrites() throws Exception {
        assertThat(JsonText.parse(JsonText.toJson(Map.of("a", List.of(1, "x"))))).isEqualTo(Map.of("a", List.of(1, "x")));
    }
}
