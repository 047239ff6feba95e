package org.drover.playbook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drover.text.Tokenizer;

/**
 * Ansible's {@code k=v} argument strings ({@code copy: src=a dest="/b c" mode=0644}): split on spaces outside
 * quotes and outside {@code {{ }}}/{@code {% %}} ({@link Tokenizer#KEY_VALUE}), then each token at its first
 * {@code =}. Values stay strings; the module's argument spec coerces them.
 */
public final class KeyValue {
    private KeyValue() {}

    /** One whitespace-separated token: its span in the text, and its key/value with quotes removed. */
    record Token(int start, int end, String key, String value, String unquoted) {}

    /** Thrown for a malformed string (unclosed quote, a token without {@code =}). */
    public static final class KeyValueException extends IllegalArgumentException {
        KeyValueException(String message) {
            super(message);
        }
    }

    /** Parses {@code k=v k2="v 2"}; every token must be a pair. */
    public static Map<String, Object> parse(String text) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Token t : tokens(text)) {
            if (t.key() == null) {
                throw new KeyValueException("expected key=value pairs, got '" + t.unquoted() + "'");
            }
            if (out.containsKey(t.key())) {
                throw new KeyValueException("'" + t.key() + "' given twice");
            }
            out.put(t.key(), t.value());
        }
        return out;
    }

    /**
     * A free-form string ({@code command: ls -l chdir=/tmp}): pairs whose key is one of {@code known} are taken
     * out as arguments; the rest, as written (quotes kept, for the shell), goes to {@code freeForm}.
     */
    public static Map<String, Object> parseFreeForm(String text, String freeForm, Set<String> known) {
        Map<String, Object> out = new LinkedHashMap<>();
        StringBuilder rest = new StringBuilder();
        int from = 0;
        for (Token t : tokens(text)) {
            if (t.key() != null && known.contains(t.key()) && !t.key().equals(freeForm)) {
                rest.append(text, from, t.start());
                out.put(t.key(), t.value());
                from = t.end();
                while (from < text.length() && Character.isWhitespace(text.charAt(from))) {
                    from++; // drop the separator too, so "a chdir=/x b" leaves "a b"
                }
            }
        }
        rest.append(text.substring(from));
        String raw = rest.toString().strip();
        if (!raw.isEmpty()) {
            out.put(freeForm, raw);
        }
        return out;
    }

    /** The words of {@code text}, each split at its first {@code =} when what precedes it is a variable name. */
    static List<Token> tokens(String text) {
        List<Token> out = new ArrayList<>();
        List<Tokenizer.Token> words;
        try {
            words = Tokenizer.KEY_VALUE.tokens(text);
        } catch (Tokenizer.UnclosedQuoteException e) {
            throw new KeyValueException("a quoted value is not closed (" + e.quote() + ")");
        }
        for (Tokenizer.Token w : words) {
            String u = w.text();
            int eq = w.equals();
            boolean pair = eq > 0 && u.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*");
            out.add(new Token(w.start(), w.end(), pair ? u.substring(0, eq) : null, pair ? u.substring(eq + 1) : null,
                    u));
        }
        return out;
    }
}
