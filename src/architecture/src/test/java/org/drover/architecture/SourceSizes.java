package org.drover.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A brace and line scanner of Java sources: the types, methods and constructors that are too long, and the
 * signatures with too many parameters. Comments, string and character literals and text blocks are blanked
 * first (their newlines kept), so braces in them count for nothing.
 */
final class SourceSizes {
    static final int MAX_CLASS_LINES = 500;
    static final int MAX_METHOD_LINES = 60;
    static final int MAX_PARAMETERS = 5;

    private static final Pattern TYPE = Pattern.compile("(?<![\\w$.@])(class|interface|enum|record)\\s+([\\w$]+)");
    private static final Pattern ANNOTATION =
            Pattern.compile("@(?!interface\\b)[\\w$.]+(\\s*\\((?:[^()]|\\([^()]*\\))*\\))?");
    private static final Pattern ANONYMOUS = Pattern.compile("\\bnew\\s+[\\w$.<>,?\\s]+\\([^;]*\\)\\s*$", Pattern.DOTALL);
    private static final Pattern METHOD = Pattern.compile("^(.*?)([\\w$]+)\\s*\\(", Pattern.DOTALL);
    private static final Pattern AFTER_PARAMETERS = Pattern.compile("^\\s*(throws\\s+[\\w$.,<>?\\s]+)?$");
    private static final Pattern COMPACT_CONSTRUCTOR = Pattern.compile("^(?:(?:public|protected|private)\\s+)?([\\w$]+)$");

    private SourceSizes() {
    }

    private enum Kind { TYPE, ANONYMOUS, METHOD, OTHER }

    /** @param components a record's component list, normalised; empty for anything else */
    private record Frame(Kind kind, String name, int line, List<String> components) {
        Frame(Kind kind, String name, int line) {
            this(kind, name, line, List.of());
        }

        boolean typeBody() {
            return kind == Kind.TYPE || kind == Kind.ANONYMOUS;
        }
    }

    /** Every offender under root's src/NAME/src/main/java, as "path:line name (N lines)", sorted. */
    static List<String> offenders(Path root) {
        List<String> out = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root.resolve("src"))) {
            for (Path module : modules.sorted().toList()) {
                Path main = module.resolve("src/main/java");
                if (!Files.isDirectory(main)) {
                    continue;
                }
                try (Stream<Path> files = Files.walk(main)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                        String rel = root.relativize(f).toString().replace('\\', '/');
                        out.addAll(offenders(rel, Files.readString(f, StandardCharsets.UTF_8)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The offenders of one source text; path only names it. */
    static List<String> offenders(String path, String source) {
        String text = blank(source);
        int[] lineOf = lines(text);
        List<String> out = new ArrayList<>();
        Deque<Frame> stack = new ArrayDeque<>();
        int headerStart = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                Frame f = classify(text, headerStart, i, stack, lineOf);
                if (f.kind == Kind.METHOD) {
                    checkParameters(path, text, headerStart, i, f, stack, out);
                }
                stack.push(f);
                headerStart = i + 1;
            } else if (c == '}') {
                Frame f = stack.isEmpty() ? null : stack.pop();
                if (f != null) {
                    int n = lineOf[i] - f.line + 1;
                    if (f.kind == Kind.TYPE && n > MAX_CLASS_LINES || f.kind == Kind.METHOD && n > MAX_METHOD_LINES) {
                        out.add(path + ":" + f.line + " " + f.name + " (" + n + " lines)");
                    }
                }
                headerStart = i + 1;
            } else if (c == ';') {
                Frame enclosing = stack.peek();
                if (enclosing != null && enclosing.typeBody()) {
                    abstractMethod(path, text, headerStart, i, enclosing, lineOf, out);
                }
                headerStart = i + 1;
            }
        }
        // A type is reported when it closes, after its methods: order by line.
        out.sort(java.util.Comparator.comparingInt(o -> Integer.parseInt(o.substring(path.length() + 1, o.indexOf(' ')))));
        return out;
    }

    private static Frame classify(String text, int from, int brace, Deque<Frame> stack, int[] lineOf) {
        Frame enclosing = stack.peek();
        String raw = text.substring(from, brace);
        String header = stripAnnotations(raw);
        Matcher type = TYPE.matcher(header);
        if (type.find() && depth(header) == 0) {
            return new Frame(Kind.TYPE, type.group(2), lineOf[from + offsetOf(raw, type.group(1) + " ")],
                    type.group(1).equals("record") ? components(header.substring(type.end())) : List.of());
        }
        if (ANONYMOUS.matcher(header).find()) {
            // Its methods are named after the type that holds the anonymous class.
            String outer = stack.stream().filter(f -> f.kind == Kind.TYPE).map(Frame::name).findFirst().orElse("<anonymous>");
            return new Frame(Kind.ANONYMOUS, outer, lineOf[brace]);
        }
        if (enclosing == null || !enclosing.typeBody() || depth(header) != 0 || header.contains("=") || header.contains("->")) {
            return new Frame(Kind.OTHER, "", lineOf[brace]);
        }
        String h = header.trim().replaceFirst("^,\\s*", "");
        Matcher m = METHOD.matcher(h);
        if (m.find()) {
            int close = matching(h, m.end() - 1);
            boolean declaration = !m.group(1).isBlank() || m.group(2).equals(enclosing.name);
            if (close > 0 && declaration && AFTER_PARAMETERS.matcher(h.substring(close + 1)).matches()) {
                return new Frame(Kind.METHOD, enclosing.name + "." + m.group(2), lineOf[from + offsetOf(raw, m.group(2) + "(", m.group(2))]);
            }
            return new Frame(Kind.OTHER, "", lineOf[brace]);
        }
        Matcher compact = COMPACT_CONSTRUCTOR.matcher(h);
        if (compact.matches() && compact.group(1).equals(enclosing.name)) {
            return new Frame(Kind.METHOD, enclosing.name + "." + compact.group(1), lineOf[from + offsetOf(raw, compact.group(1))]);
        }
        return new Frame(Kind.OTHER, "", lineOf[brace]);
    }

    /** The component list of the record whose header rest starts {@code (...)}, one normalised entry each. */
    private static List<String> components(String afterName) {
        int open = afterName.indexOf('(');
        int close = open < 0 ? -1 : matching(afterName, open);
        return close < 0 ? List.of() : split(afterName.substring(open + 1, close));
    }

    /**
     * A record constructor taking the first components of its record, to default the others, is the component
     * list again: data, not a signature.
     */
    private static boolean componentPrefix(String parameters, Deque<Frame> stack) {
        Frame record = stack.peek();
        if (record == null || record.components().isEmpty()) {
            return false;
        }
        List<String> ps = split(parameters);
        return ps.size() < record.components().size() && record.components().subList(0, ps.size()).equals(ps);
    }

    /** A parameter list cut at its top-level commas, each entry with its white space collapsed. */
    private static List<String> split(String list) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= list.length(); i++) {
            char c = i < list.length() ? list.charAt(i) : ',';
            if (c == '<' || c == '(' || c == '[') {
                depth++;
            } else if (c == '>' || c == ')' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                String p = list.substring(start, i).trim().replaceAll("\\s+", " ");
                if (!p.isEmpty()) {
                    out.add(p);
                }
                start = i + 1;
            }
        }
        return out;
    }

    private static void checkParameters(String path, String text, int from, int brace, Frame f, Deque<Frame> stack,
            List<String> out) {
        String h = stripAnnotations(text.substring(from, brace));
        String name = f.name.substring(f.name.lastIndexOf('.') + 1);
        Matcher m = Pattern.compile("\\b" + Pattern.quote(name) + "\\s*\\(").matcher(h);
        if (m.find()) {
            int close = matching(h, m.end() - 1);
            int n = close > 0 ? parameters(h.substring(m.end(), close)) : 0;
            if (n > MAX_PARAMETERS && !componentPrefix(close > 0 ? h.substring(m.end(), close) : "", stack)) {
                out.add(path + ":" + f.line + " " + f.name + " (" + n + " parameters)");
            }
        }
    }

    /** An interface or abstract method: a declaration that ends with ';' in a type body. */
    private static void abstractMethod(String path, String text, int from, int semi, Frame enclosing, int[] lineOf,
            List<String> out) {
        String raw = text.substring(from, semi);
        String h = stripAnnotations(raw).trim();
        if (h.contains("=") || h.contains("->") || TYPE.matcher(h).find()) {
            return;
        }
        Matcher m = METHOD.matcher(h);
        if (m.find() && !m.group(1).isBlank()) {
            int close = matching(h, m.end() - 1);
            if (close > 0 && AFTER_PARAMETERS.matcher(h.substring(close + 1)).matches()) {
                int n = parameters(h.substring(m.end(), close));
                if (n > MAX_PARAMETERS) {
                    int line = lineOf[from + offsetOf(raw, m.group(2) + "(", m.group(2))];
                    out.add(path + ":" + line + " " + enclosing.name + "." + m.group(2) + " (" + n + " parameters)");
                }
            }
        }
    }

    /** The number of parameters in a parameter list: commas outside of generics, parentheses and brackets. */
    static int parameters(String list) {
        if (list.isBlank()) {
            return 0;
        }
        int n = 1;
        int depth = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '<' || c == '(' || c == '[') {
                depth++;
            } else if (c == '>' || c == ')' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                n++;
            }
        }
        return n;
    }

    private static String stripAnnotations(String header) {
        // Keep the length: offsets into the header still point at the same characters.
        Matcher m = ANNOTATION.matcher(header);
        StringBuilder sb = new StringBuilder(header);
        while (m.find()) {
            for (int i = m.start(); i < m.end(); i++) {
                if (sb.charAt(i) != '\n') {
                    sb.setCharAt(i, ' ');
                }
            }
        }
        return sb.toString();
    }

    private static int depth(String s) {
        int d = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            d += c == '(' ? 1 : c == ')' ? -1 : 0;
        }
        return d;
    }

    private static int matching(String s, int open) {
        int d = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                d++;
            } else if (c == ')' && --d == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Where the first of the needles occurs in the raw header (0 when none does). */
    private static int offsetOf(String raw, String... needles) {
        String stripped = stripAnnotations(raw);
        for (String n : needles) {
            Matcher m = Pattern.compile("(?<![\\w$])" + Pattern.quote(n.trim()) + (n.endsWith("(") ? "" : "(?![\\w$])")).matcher(stripped);
            if (m.find()) {
                return m.start();
            }
            int i = stripped.indexOf(n);
            if (i >= 0) {
                return i;
            }
        }
        return 0;
    }

    /** The line (1-based) of each character. */
    private static int[] lines(String text) {
        int[] lineOf = new int[text.length() + 1];
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            lineOf[i] = line;
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        lineOf[text.length()] = line;
        return lineOf;
    }

    /** The source with comments and the content of literals turned to spaces, newlines kept. */
    static String blank(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int n = src.length();
        int i = 0;
        while (i < n) {
            char c = src.charAt(i);
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                while (i < n && src.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int end = src.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                blankRange(src, i, end, out);
                i = end;
            } else if (src.startsWith("\"\"\"", i)) {
                int j = i + 3;
                while (j < n && !src.startsWith("\"\"\"", j)) {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                int end = Math.min(n, j + 3);
                out.append("\"\"\"");
                blankRange(src, i + 3, Math.min(j, n), out);
                out.append(src, Math.min(j, n), end);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && src.charAt(j) != c && src.charAt(j) != '\n') {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(j, n);
                out.append(c);
                blankRange(src, i + 1, j, out);
                if (j < n) {
                    out.append(src.charAt(j));
                }
                i = j + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blankRange(String src, int from, int to, StringBuilder out) {
        for (int k = from; k < to && k < src.length(); k++) {
            out.append(src.charAt(k) == '\n' ? '\n' : ' ');
        }
    }
}
