package org.drover.inventory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.text.Tokenizer;
import org.drover.yaml.LoadError;
import org.drover.yaml.SourceMark;

/**
 * Ansible's INI inventory: {@code [group]} host lines with inline {@code k=v}, {@code [group:vars]},
 * {@code [group:children]}. As in Ansible, inline host values are read as literals (numbers, booleans, quoted
 * strings) and {@code :vars} values stay strings.
 */
final class IniInventoryParser {
    private IniInventoryParser() {}

    private record Token(String text, int column) {}

    static void parse(Path file, InventoryLoader l) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            l.errors.add(new LoadError(new SourceMark(file.toString(), 0, 0), "cannot read: " + e.getMessage()));
            return;
        }
        String label = file.toString();
        String group = InventoryLoader.UNGROUPED;
        String kind = "hosts";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.strip();
            int indent = line.indexOf(trimmed.isEmpty() ? " " : trimmed.substring(0, 1)) + 1;
            SourceMark mark = new SourceMark(label, i + 1, Math.max(indent, 1));
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                continue;
            }
            if (trimmed.startsWith("[")) {
                if (!trimmed.endsWith("]")) {
                    l.errors.add(new LoadError(mark, "section header is not closed: expected '[group]', '[group:vars]' or '[group:children]'"));
                    continue;
                }
                String section = trimmed.substring(1, trimmed.length() - 1).strip();
                int colon = section.indexOf(':');
                group = colon < 0 ? section : section.substring(0, colon);
                kind = colon < 0 ? "hosts" : section.substring(colon + 1);
                if (group.isEmpty() || (colon >= 0 && !List.of("vars", "children").contains(kind))) {
                    l.errors.add(new LoadError(mark, "bad section '[" + section
                            + "]': expected '[group]', '[group:vars]' or '[group:children]'"));
                    kind = "skip";
                    continue;
                }
                l.group(group);
                continue;
            }
            switch (kind) {
                case "hosts" -> hostLine(line, mark, group, l);
                case "vars" -> {
                    int eq = trimmed.indexOf('=');
                    if (eq <= 0) {
                        l.errors.add(new LoadError(mark, "expected 'name=value' in [" + group + ":vars]"));
                        continue;
                    }
                    l.group(group).vars.put(trimmed.substring(0, eq).strip(), unquote(trimmed.substring(eq + 1).strip()));
                }
                case "children" -> {
                    if (trimmed.contains(" ") || trimmed.contains("=")) {
                        l.errors.add(new LoadError(mark, "expected one group name per line in [" + group + ":children]"));
                        continue;
                    }
                    l.group(group).children.add(trimmed);
                    l.group(trimmed);
                }
                default -> { }
            }
        }
    }

    private static void hostLine(String line, SourceMark lineMark, String group, InventoryLoader l) {
        List<Token> tokens;
        try {
            tokens = split(line);
        } catch (IllegalArgumentException e) {
            l.errors.add(new LoadError(lineMark, e.getMessage()));
            return;
        }
        Token first = tokens.get(0);
        SourceMark hostMark = new SourceMark(lineMark.file(), lineMark.line(), first.column());
        Map<String, Object> vars = new LinkedHashMap<>();
        List<String> names = l.hostNames(first.text(), hostMark, vars);
        for (Token t : tokens.subList(1, tokens.size())) {
            int eq = t.text().indexOf('=');
            if (eq <= 0) {
                l.errors.add(new LoadError(new SourceMark(lineMark.file(), lineMark.line(), t.column()),
                        "expected 'name=value' after the host name, got '" + t.text() + "'"));
                return;
            }
            vars.put(t.text().substring(0, eq), literal(t.text().substring(eq + 1)));
        }
        for (String n : names) {
            l.group(group).hosts.add(n);
            l.host(n).vars.putAll(vars);
        }
    }

    /** Shell-like split keeping each token's 1-based column; quotes group words and are kept ({@link #literal}). */
    static List<Token> split(String line) {
        try {
            return Tokenizer.HOST_LINE.tokens(line).stream().map(t -> new Token(t.text(), t.start() + 1)).toList();
        } catch (Tokenizer.UnclosedQuoteException e) {
            throw new IllegalArgumentException("unclosed quote (" + e.quote() + ") in host line");
        }
    }

    static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    /** Python-literal reading of inline host values, as Ansible does. */
    static Object literal(String raw) {
        String s = raw.strip();
        if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
            return s.substring(1, s.length() - 1);
        }
        if (s.matches("-?\\d+")) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                return s;
            }
        }
        if (s.matches("-?\\d+\\.\\d+")) {
            return Double.parseDouble(s);
        }
        return switch (s) {
            case "True", "true" -> true;
            case "False", "false" -> false;
            case "None" -> null;
            default -> s.replace("\"", "").replace("'", "").equals(s) ? s : unquoteAll(s);
        };
    }

    private static String unquoteAll(String s) {
        StringBuilder b = new StringBuilder();
        char q = 0;
        for (char c : s.toCharArray()) {
            if (q == 0 && (c == '"' || c == '\'')) {
                q = c;
            } else if (c == q) {
                q = 0;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
