package org.drover.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Filters, tests, operators and methods give, through to_json, the text real Ansible gives (ansible-values.txt). */
class AnsibleValuesTest {
    private static final Templater T = new JinjavaTemplater();

    static Stream<Arguments> recorded() throws IOException {
        try (InputStream in = AnsibleValuesTest.class.getResourceAsStream("/template/ansible-values.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split("  =>  ", 2))
                    .map(p -> Arguments.of(p[0], p[1]))
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0} => {1}")
    @MethodSource("recorded")
    void rendersAsAnsible(String expression, String expected) {
        assertThat(T.render("{% set v = " + expression + " %}{{ v | to_json }}", Map.of())).isEqualTo(expected);
    }
}
