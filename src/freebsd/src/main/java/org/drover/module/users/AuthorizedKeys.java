package org.drover.module.users;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An authorized_keys file read, edited and written as ansible.posix.authorized_key does (parsekey, parseoptions,
 * parsekeys, serialize, enforce_state): keys are told apart by their base64 blob; a key whose type, options or
 * comment differ is replaced (and moves to the end); other lines are kept as they are, unless exclusive.
 */
final class AuthorizedKeys {
    private static final Set<String> TYPES = Set.of("sk-ecdsa-sha2-nistp256@openssh.com",
            "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com", "webauthn-sk-ecdsa-sha2-nistp256@openssh.com",
            "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256-cert-v01@openssh.com", "ecdsa-sha2-nistp384",
            "ecdsa-sha2-nistp384-cert-v01@openssh.com", "ecdsa-sha2-nistp521",
            "ecdsa-sha2-nistp521-cert-v01@openssh.com", "sk-ssh-ed25519@openssh.com",
            "sk-ssh-ed25519-cert-v01@openssh.com", "ssh-ed25519", "ssh-ed25519-cert-v01@openssh.com", "ssh-dss",
            "ssh-rsa", "ssh-xmss@openssh.com", "ssh-xmss-cert-v01@openssh.com", "rsa-sha2-256", "rsa-sha2-512",
            "ssh-rsa-cert-v01@openssh.com", "rsa-sha2-256-cert-v01@openssh.com", "rsa-sha2-512-cert-v01@openssh.com",
            "ssh-dss-cert-v01@openssh.com");
    private static final Pattern OPTION = Pattern.compile("((?:[^,\"']|\"[^\"]*\"|'[^']*')+)");

    /**
     * One line: a key (type non-null; options in order, value null for a flag) or a line kept as it is
     * (type null, {@code raw} the line with its line break).
     */
    record Entry(String blob, String type, Map<String, String> options, String comment, int rank, String raw) {
        boolean sameAs(Entry o) {
            return blob.equals(o.blob) && java.util.Objects.equals(type, o.type)
                    && java.util.Objects.equals(options, o.options) && java.util.Objects.equals(comment, o.comment);
        }

        Entry withRank(int r) {
            return new Entry(blob, type, options, comment, r, raw);
        }

        String line() {
            if (type == null) {
                return raw;
            }
            StringBuilder b = new StringBuilder();
            if (!options.isEmpty()) {
                List<String> parts = new ArrayList<>();
                options.forEach((k, v) -> parts.add(v == null ? k : k + "=" + v));
                b.append(String.join(",", parts)).append(' ');
            }
            return b.append(type).append(' ').append(blob).append(' ').append(comment).append('\n').toString();
        }
    }

    private AuthorizedKeys() {}

    /** parsekey: a key line, or null when no key type is found in it. */
    static Entry parseKey(String rawLine, int rank) {
        String raw = rawLine.replace("\\#", "#");
        List<String> parts = Arrays.stream(raw.split("\\s+")).filter(s -> !s.isEmpty()).toList();
        if (!parts.isEmpty() && parts.get(0).equals("#")) {
            return new Entry(raw, null, null, null, rank, raw);
        }
        int at = -1;
        for (int i = 0; i < parts.size(); i++) {
            if (TYPES.contains(parts.get(i))) {
                at = i;
                break;
            }
        }
        if (at < 0 || at + 1 >= parts.size()) {
            return null;
        }
        String options = at > 0 ? String.join(" ", parts.subList(0, at)) : null;
        return new Entry(parts.get(at + 1), parts.get(at), parseOptions(options), String.join(" ",
                parts.subList(at + 2, parts.size())), rank, null);
    }

    /** parseoptions: comma-separated, quotes protect commas; NAME=VALUE or a flag. */
    static Map<String, String> parseOptions(String options) {
        Map<String, String> out = new LinkedHashMap<>();
        if (options == null || options.isEmpty()) {
            return out;
        }
        Matcher m = OPTION.matcher(options);
        while (m.find()) {
            String part = m.group(1);
            int eq = part.indexOf('=');
            if (eq >= 0) {
                out.put(part.substring(0, eq), part.substring(eq + 1));
            } else {
                out.put(part, null);
            }
        }
        return out;
    }

    /** parsekeys: by blob (or, for other lines, by the line itself), in file order, later duplicates winning. */
    static LinkedHashMap<String, Entry> parseFile(String content) {
        LinkedHashMap<String, Entry> keys = new LinkedHashMap<>();
        int rank = 0;
        for (String line : linesWithBreaks(content)) {
            Entry e = parseKey(line, rank);
            if (e == null) {
                e = new Entry(line, null, null, null, rank, line);
            }
            keys.put(e.blob(), e);
            rank++;
        }
        return keys;
    }

    /** str.splitlines(True) for \n, \r\n and \r. */
    static List<String> linesWithBreaks(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }

    static String serialize(Map<String, Entry> keys) {
        StringBuilder b = new StringBuilder();
        keys.values().stream().sorted(Comparator.comparingInt(Entry::rank)).forEach(e -> b.append(e.line()));
        return b.toString();
    }

    /** The wanted keys: the key argument's lines that are neither empty nor comments. */
    static List<String> wantedLines(String key) {
        return key.lines().filter(s -> !s.isEmpty() && !s.startsWith("#")).toList();
    }

    /**
     * enforce_state: the file's new content, or null when nothing changes. Throws IllegalArgumentException
     * ({@code invalid key specified: LINE}) on a line that holds no key.
     */
    static String enforce(String existing, AuthorizedKeyModule.Desired d) {
        LinkedHashMap<String, Entry> keys = parseFile(existing);
        int maxRank = keys.size();
        List<String> toExist = new ArrayList<>();
        boolean write = false;
        List<String> wanted = wantedLines(d.key());
        for (int rank = 0; rank < wanted.size(); rank++) {
            Entry k = parseKey(wanted.get(rank), rank);
            if (k == null || k.type() == null) {
                throw new IllegalArgumentException("invalid key specified: " + wanted.get(rank));
            }
            Map<String, String> opts = d.keyOptions() != null ? parseOptions(d.keyOptions()) : k.options();
            String comment = d.comment() != null ? d.comment() : k.comment();
            k = new Entry(k.blob(), k.type(), opts, comment, rank, null);
            Entry old = keys.get(k.blob());
            boolean matched = old != null && (old.sameAs(k) || !d.present());
            if (d.present()) {
                toExist.add(k.blob());
                if (old != null && !matched) {
                    keys.remove(k.blob());
                    write = true;
                }
                if (!matched) {
                    keys.put(k.blob(), k.withRank(maxRank + rank));
                    write = true;
                }
            } else if (matched) {
                keys.remove(k.blob());
                write = true;
            }
        }
        if (d.present() && d.exclusive()) {
            write |= keys.keySet().removeIf(b -> !toExist.contains(b));
        }
        return write ? serialize(keys) : null;
    }
}
