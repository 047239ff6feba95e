package org.drover.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {
    @Test
    void shell_words_resolve_quotes_and_backslashes() {
        assertThat(Tokenizer.SHELL.words("a 'b c' \"d \\\"e\\\" \\$x \\n\" f\\ g h'i j'k"))
                .containsExactly("a", "b c", "d \"e\" $x \\n", "f g", "hi jk");
        assertThat(Tokenizer.SHELL.words("'' x \"\"")).containsExactly("", "x", "");
        assertThat(Tokenizer.SHELL.words("'{{ a b }}'")).containsExactly("{{ a b }}");
        assertThat(Tokenizer.SHELL.words("{{ a b }}")).as("no templates in a command line")
                .containsExactly("{{", "a", "b", "}}");
        assertThat(Tokenizer.SHELL.words("  \t ")).isEmpty();
        assertThat(Tokenizer.SHELL.words("end\\")).containsExactly("end\\");
    }

    @Test
    void an_open_quote_is_refused() {
        assertThatThrownBy(() -> Tokenizer.SHELL.words("a 'b")).isInstanceOf(Tokenizer.UnclosedQuoteException.class)
                .hasMessage("unterminated single quote in: a 'b");
        assertThatThrownBy(() -> Tokenizer.SHELL.words("a \"b\\\"")).hasMessage("unterminated double quote in: a \"b\\\"");
        assertThatThrownBy(() -> Tokenizer.KEY_VALUE.tokens("a='1"))
                .satisfies(e -> assertThat(((Tokenizer.UnclosedQuoteException) e).quote()).isEqualTo('\''));
    }

    @Test
    void key_value_tokens_keep_templates_whole_and_find_the_first_equals() {
        List<Tokenizer.Token> t = Tokenizer.KEY_VALUE.tokens("a=1  b='x=y z' d={{ f('a b') }} {% if x %}=");
        assertThat(t).extracting(Tokenizer.Token::text)
                .containsExactly("a=1", "b=x=y z", "d={{ f('a b') }}", "{% if x %}=");
        assertThat(t).extracting(Tokenizer.Token::equals).containsExactly(1, 1, 1, 10);
        assertThat(t).extracting(Tokenizer.Token::start).containsExactly(0, 5, 15, 32);
        assertThat(t.get(0).end()).isEqualTo(3);
        assertThat(Tokenizer.KEY_VALUE.tokens("'a=b'").get(0).equals()).as("quoted '=' is no separator").isEqualTo(-1);
        assertThat(Tokenizer.KEY_VALUE.words("c=\"say \\\"hi\\\" \\$x\"")).containsExactly("c=say \"hi\" \\$x");
        assertThat(Tokenizer.KEY_VALUE.words("a\\ b")).as("no backslash escapes outside quotes")
                .containsExactly("a\\", "b");
    }

    @Test
    void host_lines_split_as_shlex_and_stop_at_a_comment() {
        // Python: shlex.split('web1  x="a b" y=\'c\' z=a#b # the rest', comments=True) -> web1, x=a b, y=c, z=a
        List<Tokenizer.Token> t = Tokenizer.HOST_LINE.tokens("web1  x=\"a b\" y='c' z=a#b # the rest");
        assertThat(t).extracting(Tokenizer.Token::text).containsExactly("web1", "x=a b", "y=c", "z=a");
        assertThat(t).extracting(Tokenizer.Token::start).containsExactly(0, 6, 14, 20);
        assertThat(Tokenizer.HOST_LINE.words("# only a comment")).isEmpty();
        assertThatThrownBy(() -> Tokenizer.HOST_LINE.words("h x=\"a")).isInstanceOf(Tokenizer.UnclosedQuoteException.class);
    }
}
