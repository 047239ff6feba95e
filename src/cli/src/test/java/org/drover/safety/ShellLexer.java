package org.drover.safety;

import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of sh's lexer to tell, in a script drover built, which characters the shell would interpret:
 * {@link #active} masks quoted text (what single quotes, double quotes and backslashes make literal) and keeps
 * the rest, command substitutions inside double quotes included; {@link #words} gives the words as sh would pass
 * them to a command (quotes removed), one list per simple command.
 */
final class ShellLexer {
    private static final char MASK = '\u2591';

    private final String s;
    private int i;
    private final StringBuilder active = new StringBuilder();
    private final List<List<String>> commands = new ArrayList<>();
    private List<String> command = new ArrayList<>();
    private StringBuilder word;

    private ShellLexer(String s) {
        this.s = s;
    }

    /** The script with every literal (quoted or escaped) character replaced by a mask character. */
    static String active(String script) {
        ShellLexer l = new ShellLexer(script);
        l.unquoted(false);
        return l.active.toString();
    }

    /** The simple commands of the script, each as its words with quotes removed. */
    static List<List<String>> words(String script) {
        ShellLexer l = new ShellLexer(script);
        l.unquoted(false);
        l.endCommand();
        return l.commands;
    }

    private void unquoted(boolean inParens) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'') {
                int end = s.indexOf('\'', i + 1);
                end = end < 0 ? s.length() : end;
                literal(s.substring(i + 1, end));
                mask(end + 1 - i);
                i = end + 1;
            } else if (c == '"') {
                i++;
                active.append(MASK);
                doubleQuoted();
            } else if (c == '\\' && i + 1 < s.length()) {
                literal(String.valueOf(s.charAt(i + 1)));
                mask(2);
                i += 2;
            } else if (c == '$' && s.startsWith("$(", i)) {
                substitution();
            } else if (c == '`') {
                backquoted();
            } else if (c == ')' && inParens) {
                active.append(c);
                i++;
                return;
            } else if (c == '#' && word == null) {
                int nl = s.indexOf('\n', i);
                nl = nl < 0 ? s.length() : nl;
                mask(nl - i);
                i = nl;
            } else {
                active.append(c);
                i++;
                if (c == ' ' || c == '\t') {
                    endWord();
                } else if (c == '\n' || c == ';' || c == '|' || c == '&' || c == '(' || c == ')') {
                    endCommand();
                } else {
                    literal(String.valueOf(c));
                }
            }
        }
    }

    private void doubleQuoted() {
        if (word == null) {
            word = new StringBuilder();
        }
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                active.append(MASK);
                i++;
                return;
            } else if (c == '\\' && i + 1 < s.length() && "$`\"\\\n".indexOf(s.charAt(i + 1)) >= 0) {
                literal(String.valueOf(s.charAt(i + 1)));
                mask(2);
                i += 2;
            } else if (c == '$' && s.startsWith("$(", i)) {
                substitution();
            } else if (c == '`') {
                backquoted();
            } else {
                literal(String.valueOf(c));
                mask(1);
                i++;
            }
        }
    }

    /** $( ... ): shell code; its words are not the outer command's. */
    private void substitution() {
        StringBuilder outer = word;
        List<String> outerCommand = command;
        command = new ArrayList<>();
        word = null;
        active.append("$(");
        i += 2;
        unquoted(true);
        endCommand();
        command = outerCommand;
        word = outer == null ? new StringBuilder() : outer;
        word.append("$(...)");
    }

    private void backquoted() {
        int end = s.indexOf('`', i + 1);
        end = end < 0 ? s.length() : end;
        active.append(s, i, Math.min(end + 1, s.length()));
        if (word == null) {
            word = new StringBuilder();
        }
        word.append("`...`");
        i = end + 1;
    }

    private void literal(String text) {
        if (word == null) {
            word = new StringBuilder();
        }
        word.append(text);
    }

    private void mask(int n) {
        active.append(String.valueOf(MASK).repeat(Math.max(0, n)));
    }

    private void endWord() {
        if (word != null) {
            command.add(word.toString());
            word = null;
        }
    }

    private void endCommand() {
        endWord();
        if (!command.isEmpty()) {
            commands.add(command);
            command = new ArrayList<>();
        }
    }
}
