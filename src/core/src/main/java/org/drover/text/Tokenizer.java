package org.drover.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a line into words on whitespace outside quotes: shell-like command lines ({@link #SHELL}), Ansible
 * {@code k=v} argument strings ({@link #KEY_VALUE}) and inventory host lines ({@link #HOST_LINE}). The presets
 * differ only in a few switches of one scanner:
 * <ul>
 *   <li>single quotes are always literal; inside double quotes a backslash escapes only the characters of
 *       {@code doubleQuoteEscapes};</li>
 *   <li>{@code backslash}: outside quotes, a backslash makes the next character literal (the shell);</li>
 *   <li>{@code templates}: {@code {{ }}}, {@code {% %}} and {@code {# #}} are kept whole, whitespace and quotes
 *       included;</li>
 *   <li>{@code keepQuotes}: a word's text keeps its quote characters (the caller reads them);</li>
 *   <li>{@code comments}: a {@code #} outside quotes ends the line (shlex's rule, even inside a word).</li>
 * </ul>
 * A quote left open is an {@link UnclosedQuoteException}.
 */
public final class Tokenizer {
    /** {@code sh}'s word splitting: quotes and backslashes, no other shell feature. */
    public static final Tokenizer SHELL = new Tokenizer("\"\\$`", true, false, false, false);
    /** Ansible's {@code k=v} strings: quotes ({@code \"} and {@code \\} in double quotes) and whole templates. */
    public static final Tokenizer KEY_VALUE = new Tokenizer("\"\\", false, true, false, false);
    /**
     * An INI inventory host line as Ansible splits it, Python's {@code shlex.split(line, comments=True)}: quotes
     * group words and are removed, backslashes escape; {@code #} starts a comment.
     */
    public static final Tokenizer HOST_LINE = new Tokenizer("\"\\", true, false, false, true);

    /**
     * One word.
     *
     * @param start  where it starts in the line
     * @param end    where it ends (exclusive)
     * @param text   the word, quotes removed (unless kept) and escapes resolved
     * @param equals where in {@code text} the first {@code =} outside quotes and templates is, or -1
     */
    public record Token(int start, int end, String text, int equals) {}

    /** A quote opened and not closed before the end of the line. */
    public static final class UnclosedQuoteException extends IllegalArgumentException {
        private final char quote;

        UnclosedQuoteException(char quote, String line) {
            super("unterminated " + (quote == '\'' ? "single" : "double") + " quote in: " + line);
            this.quote = quote;
        }

        /** The quote character left open. */
        public char quote() {
            return quote;
        }
    }

    private final String doubleQuoteEscapes;
    private final boolean backslash;
    private final boolean templates;
    private final boolean keepQuotes;
    private final boolean comments;

    private Tokenizer(String doubleQuoteEscapes, boolean backslash, boolean templates, boolean keepQuotes,
                      boolean comments) {
        this.doubleQuoteEscapes = doubleQuoteEscapes;
        this.backslash = backslash;
        this.templates = templates;
        this.keepQuotes = keepQuotes;
        this.comments = comments;
    }

    /** The words' texts. */
    public List<String> words(String line) {
        return tokens(line).stream().map(Token::text).toList();
    }

    /** The words with their positions. */
    public List<Token> tokens(String line) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= n || comments && line.charAt(i) == '#') {
                return out;
            }
            Token t = new Scan(line, i).token();
            out.add(t);
            i = t.end();
        }
    }

    /** Reads one word from {@code start}. */
    private final class Scan {
        private final String line;
        private final int start;
        private final StringBuilder text = new StringBuilder();
        private int i;
        private int equals = -1;
        private char quote;
        /** How many templates are open. */
        private int depth;

        Scan(String line, int start) {
            this.line = line;
            this.start = start;
            this.i = start;
        }

        Token token() {
            while (i < line.length()) {
                char c = line.charAt(i);
                if (quote == 0 && depth == 0 && (Character.isWhitespace(c) || comments && c == '#')) {
                    break;
                }
                step(c, i + 1 < line.length() ? line.charAt(i + 1) : 0, i + 1 < line.length());
            }
            if (quote != 0) {
                throw new UnclosedQuoteException(quote, line);
            }
            return new Token(start, i, text.toString(), equals);
        }

        private void step(char c, char next, boolean hasNext) {
            if (depth == 0 && quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
                take(keepQuotes ? String.valueOf(c) : "", 1);
            } else if (quote != 0 && c == quote) {
                quote = 0;
                take(keepQuotes ? String.valueOf(c) : "", 1);
            } else if (quote == '"' && c == '\\' && hasNext && doubleQuoteEscapes.indexOf(next) >= 0) {
                take(String.valueOf(next), 2);
            } else if (backslash && quote == 0 && c == '\\' && hasNext) {
                take(String.valueOf(next), 2);
            } else if (templates && c == '{' && hasNext && "{%#".indexOf(next) >= 0) {
                depth++;
                take("" + c + next, 2);
            } else if (templates && depth > 0 && "}%#".indexOf(c) >= 0 && next == '}') {
                depth--;
                take("" + c + next, 2);
            } else {
                if (c == '=' && equals < 0 && quote == 0 && depth == 0) {
                    equals = text.length();
                }
                take(String.valueOf(c), 1);
            }
        }

        private void take(String s, int width) {
            text.append(s);
            i += width;
        }
    }
}
