package org.drover.playbook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ansible's {@code k=v} argument strings ({@code copy: src=a dest="/b c" mode=0644}): split on spaces outside
 * quotes and outside {@code {{ }}}/{@code {% %}}, then each token at its first {@code =}. Values stay strings;
 * the module's argument spec coerces them.
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

    static List<Token> tokens(String text) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            StringBuilder unq = new StringBuilder();
            int eq = -1; // position of the first '=' outside quotes, in unq
            char quote = 0;
            int depth = 0; // inside {{ }}, {% %}, {# #}
            while (i < n) {
                char c = text.charAt(i);
                if (quote == 0 && depth == 0 && Character.isWhitespace(c)) {
                    break;
                }
                if (depth == 0 && quote == 0 && (c == '"' || c == '\'')) {
                    quote = c;
                    i++;
                    continue;
                }
                if (quote != 0 && c == quote) {
                    quote = 0;
                    i++;
                    continue;
                }
                if (quote == '"' && c == '\\' && i + 1 < n) {
                    char next = text.charAt(i + 1);
                    if (next == '"' || next == '\\') {
                        unq.append(next);
                        i += 2;
                        continue;
                    }
                }
                if (c == '{' && i + 1 < n && "{%#".indexOf(text.charAt(i + 1)) >= 0) {
                    depth++;
                    unq.append(c).append(text.charAt(i + 1));
                    i += 2;
                    continue;
                }
                if (depth > 0 && "}%#".indexOf(c) >= 0 && i + 1 < n && text.charAt(i + 1) == '}') {
                    depth--;
                    unq.append(c).append('}');
                    i += 2;
                    continue;
                }
                if (c == '=' && eq < 0 && quote == 0 && depth == 0) {
                    eq = unq.length();
                }
                unq.append(c);
                i++;
            }
            if (quote != 0) {
                throw new KeyValueException("a quoted value is not closed (" + quote + ")");
            }
            String u = unq.toString();
            String key = null;
            String value = null;
            if (eq > 0 && u.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                key = u.substring(0, eq);
                value = u.substring(eq + 1);
            }
            out.add(new Token(start, i, key, value, u));
        }
        return out;
    }
}
