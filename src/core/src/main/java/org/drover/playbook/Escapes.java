package org.drover.playbook;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Python's {@code unicode-escape} for the sequences Ansible's {@code parse_kv} decodes in {@code k=v} words. */
final class Escapes {
    private static final Pattern ESCAPE = Pattern.compile(
            "\\\\U[0-9a-fA-F]{8}|\\\\u[0-9a-fA-F]{4}|\\\\x[0-9a-fA-F]{2}|\\\\N\\{[^}]+}|\\\\[\\\\'\"abfnrtv]");

    private Escapes() {}

    static String decode(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        Matcher m = ESCAPE.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(one(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String one(String e) {
        char c = e.charAt(1);
        return switch (c) {
            case 'U', 'u', 'x' -> {
                long cp = Long.parseLong(e.substring(2), 16);
                yield Character.isValidCodePoint((int) cp) && cp <= Character.MAX_CODE_POINT
                        ? Character.toString((int) cp) : e;
            }
            case 'N' -> {
                try {
                    yield Character.toString(Character.codePointOf(e.substring(3, e.length() - 1)));
                } catch (IllegalArgumentException ex) {
                    yield e; // Python fails on an unknown name; keep the text rather than guess
                }
            }
            case 'a' -> "\u0007";
            case 'b' -> "\b";
            case 'f' -> "\f";
            case 'n' -> "\n";
            case 'r' -> "\r";
            case 't' -> "\t";
            case 'v' -> "\u000b";
            default -> String.valueOf(c);
        };
    }
}
