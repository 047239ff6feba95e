package org.drover.inventory;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.text.PyLiteral;
import org.drover.text.Tokenizer;
import org.drover.yaml.Limits;
import org.drover.yaml.LoadError;
import org.drover.yaml.LoadException;
import org.drover.yaml.SourceMark;

/**
 * Ansible's INI inventory: {@code [group]} host lines with inline {@code k=v}, {@code [group:vars]},
 * {@code [group:children]}. As in Ansible, host line values and {@code :vars} values are read as Python literals
 * (numbers, {@code True}, lists, quoted strings); any other text stays text.
 */
final class IniInventoryParser {
    private IniInventoryParser() {}

    private record Token(String text, int column) {}

    static void parse(Path file, InventoryLoader l) {
        List<String> lines;
        try {
            lines = Limits.read(file).lines().toList();
        } catch (LoadException e) {
            l.errors.addAll(e.errors());
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
                case "vars" -> varLine(trimmed, mark, group, l);
                case "children" -> {
                    if (trimmed.contains(" ") || trimmed.contains("=")) {
                        l.errors.add(new LoadError(mark, "expected one group name per line in [" + group + ":children]"));
                        continue;
                    }
                    l.group(group).children.add(trimmed);
                    l.group(group).childMarks.putIfAbsent(trimmed, mark);
                    l.group(trimmed);
                }
                default -> { }
            }
        }
    }

    private static void varLine(String trimmed, SourceMark mark, String group, InventoryLoader l) {
        int eq = trimmed.indexOf('=');
        if (eq <= 0) {
            l.errors.add(new LoadError(mark, "expected 'name=value' in [" + group + ":vars]"));
            return;
        }
        String key = trimmed.substring(0, eq).strip();
        l.group(group).vars.put(key, literal(trimmed.substring(eq + 1).strip()));
        if (key.equals("ansible_group_priority")) {
            l.group(group).priorityMark = mark;
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

    /** shlex's split (quotes removed, {@code #} comments) keeping each token's 1-based column. */
    static List<Token> split(String line) {
        try {
            return Tokenizer.HOST_LINE.tokens(line).stream().map(t -> new Token(t.text(), t.start() + 1)).toList();
        } catch (Tokenizer.UnclosedQuoteException e) {
            throw new IllegalArgumentException("unclosed quote (" + e.quote() + ") in host line");
        }
    }

    /**
     * Ansible's INI value: Python's {@code ast.literal_eval} of the text ({@code True}, {@code 42}, {@code [1, 2]},
     * {@code 'quoted'}), or the text itself when it is no literal ({@code yes}, {@code true}, {@code 007}).
     */
    static Object literal(String raw) {
        try {
            return PyLiteral.eval(raw, false);
        } catch (PyLiteral.NotALiteral e) {
            return raw;
        }
    }
}
