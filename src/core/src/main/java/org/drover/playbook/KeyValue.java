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
        return parseFreeForm(text, freeForm, known, true);
    }

    /**
     * As {@link #parseFreeForm(String, String, Set)}; {@code command} is true for modules whose free form is a command
     * (Ansible's {@code check_raw}): there a {@code freeForm=...} pair stays part of the command.
     */
    public static Map<String, Object> parseFreeForm(String text, String freeForm, Set<String> known, boolean command) {
        Map<String, Object> out = new LinkedHashMap<>();
        StringBuilder rest = new StringBuilder();
        int from = 0;
        for (Token t : tokens(text)) {
            if (t.key() != null && known.contains(t.key()) && (!command || !t.key().equals(freeForm))) {
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
            out.add(new Token(w.start(), w.end(), pair ? u.substring(0, eq) : null,
                    pair ? value(text.substring(w.start(), w.end())) : null, u));
        }
        return out;
    }

    /**
     * A pair's value as Ansible's {@code parse_kv} reads it from the word as written: escapes decoded
     * ({@code \n}, {@code \t}, {@code \"}, {@code \u00e9}, ...), the text after the first {@code =} not
     * preceded by a backslash, stripped, then one pair of enclosing quotes removed.
     */
    static String value(String word) {
        String x = Escapes.decode(word);
        int pos = 0;
        do {
            pos = x.indexOf('=', pos + 1);
        } while (pos > 0 && x.charAt(pos - 1) == '\\');
        String v = pos < 0 ? "" : x.substring(pos + 1).strip();
        boolean quoted = v.length() > 1 && v.charAt(0) == v.charAt(v.length() - 1)
                && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 2) != '\\';
        return quoted ? v.substring(1, v.length() - 1) : v;
    }
}
