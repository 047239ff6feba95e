package org.drover.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A dict literal closing with {@code }}} inside {@code {{ }}}: what ansible-core 2.14.18 renders (recorded with
 * {@code ansible localhost -m debug -a 'msg=...'}).
 */
class BracesTest {
    private static final Templater T = new JinjavaTemplater();

    @Test
    void nestedDictLiteralIsOneExpression() {
        assertThat(T.render("{{ {'a': {'b': 1}} | to_json }}", Map.of())).isEqualTo("{\"a\": {\"b\": 1}}");
        assertThat(T.render("{{ {'a': {'b': 1}} }}", Map.of())).isEqualTo(Map.of("a", Map.of("b", 1L)));
        assertThat(T.render("x {{ {'a': {'b': 1}}['a'] }} y", Map.of())).isEqualTo("x {'b': 1} y");
        assertThat(T.render("{{ {'a': 1}}}", Map.of())).isEqualTo(Map.of("a", 1L));
    }

    @Test
    void bracesInStringsAndRawBlocksStayAsWritten() {
        assertThat(T.render("{{ {'a': {'b': {'c': '}}'}}} | to_json }}", Map.of()))
                .isEqualTo("{\"a\": {\"b\": {\"c\": \"}}\"}}}");
        assertThat(Braces.spaced("{% raw %}{{ {'a': {}} }}{% endraw %}")).isEqualTo("{% raw %}{{ {'a': {}} }}{% endraw %}");
        assertThat(Braces.spaced("{{ {'a': {}} }}")).isEqualTo("{{ {'a': {} } }}");
    }
}
