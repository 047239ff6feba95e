package org.drover.ssh.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.drover.text.Glob;

/**
 * OpenSSH's client configuration (ssh_config(5)) as ssh reads it for one host: the file from the top, every
 * {@code Host} or {@code Match} block that matches contributes, and for each keyword the first value obtained wins
 * ({@code IdentityFile} accumulates). {@code Include} is followed (globs, relative to ~/.ssh). {@code Match} knows
 * {@code all}, {@code host} and {@code originalhost}; a block with another criterion (exec, user, ...) is skipped
 * with a warning, since guessing would connect somewhere the user did not ask for.
 */
public final class SshConfig {
    private static final int MAX_INCLUDE_DEPTH = 16;

    /** One line that applies when its block matches. */
    private record Line(Block block, String keyword, List<String> args, String where) {}

    /** What a block's patterns are matched against: Host and Match originalhost the name given, Match host the
     *  HostName set so far (ssh_config(5)). */
    private enum Against { ORIGINAL, HOSTNAME }

    /** A Host or Match block: the patterns it matches (null: always, e.g. before any block). */
    private record Block(List<String> hostPatterns, Against against, String skippedBecause) {
        static final Block ALWAYS = new Block(null, Against.ORIGINAL, null);

        boolean matches(String original, String hostName) {
            if (skippedBecause != null) {
                return false;
            }
            return hostPatterns == null
                    || matchesList(hostPatterns, against == Against.ORIGINAL ? original : hostName);
        }
    }

    private final List<Line> lines;
    private final List<String> warnings;

    private SshConfig(List<Line> lines, List<String> warnings) {
        this.lines = lines;
        this.warnings = warnings;
    }

    public static SshConfig empty() {
        return new SshConfig(List.of(), List.of());
    }

    /** Reads file (and what it includes); a missing file is an empty configuration. */
    public static SshConfig load(Path file, Path sshDir) throws IOException {
        List<Line> lines = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (Files.isRegularFile(file)) {
            new Reader(sshDir, lines, warnings).read(file, 0, Block.ALWAYS);
        }
        return new SshConfig(List.copyOf(lines), List.copyOf(warnings));
    }

    /** Parses text as the content of a file named name (for tests and for -o options). */
    public static SshConfig parse(String name, List<String> text) {
        List<Line> lines = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        new Reader(null, lines, warnings).lines(name, text, 0, Block.ALWAYS);
        return new SshConfig(List.copyOf(lines), List.copyOf(warnings));
    }

    /** This configuration read after first: first's values win, as ssh's -o options win over the file. */
    public SshConfig withFirst(SshConfig first) {
        List<Line> all = new ArrayList<>(first.lines);
        all.addAll(lines);
        List<String> w = new ArrayList<>(first.warnings);
        w.addAll(warnings);
        return new SshConfig(List.copyOf(all), List.copyOf(w));
    }

    /** What the file says that drover could not honour (unsupported Match criteria, unreadable includes). */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * The options for host (the name as given to ssh), keyword (lower case) to its values: one value, or every
     * IdentityFile in order. HostName's %h is the host.
     */
    public HostOptions forHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        Map<String, List<String>> got = new LinkedHashMap<>();
        Map<String, String> where = new LinkedHashMap<>();
        for (Line l : lines) {
            String hostName = got.containsKey("hostname")
                    ? got.get("hostname").get(0).replace("%h", h).toLowerCase(Locale.ROOT) : h;
            if (!l.block().matches(h, hostName)) {
                continue;
            }
            if (l.keyword().equals("identityfile")) {
                got.computeIfAbsent("identityfile", k -> new ArrayList<>()).add(l.args().get(0));
            } else if (!got.containsKey(l.keyword())) {
                got.put(l.keyword(), l.args());
                where.putIfAbsent(l.keyword(), l.where());
            }
        }
        got.computeIfPresent("hostname", (k, v) -> List.of(v.get(0).replace("%h", host)));
        return new HostOptions(got, where);
    }

    static boolean matchesList(List<String> patterns, String host) {
        boolean any = false;
        for (String p : patterns) {
            boolean negated = p.startsWith("!");
            String glob = (negated ? p.substring(1) : p).toLowerCase(Locale.ROOT);
            if (Glob.matches(glob, host)) {
                if (negated) {
                    return false; // a negated match excludes, whatever else matches
                }
                any = true;
            }
        }
        return any;
    }

    /** Reads lines into blocks, following Include. */
    private record Reader(Path sshDir, List<Line> out, List<String> warnings) {
        void read(Path file, int depth, Block current) throws IOException {
            lines(file.toString(), Files.readAllLines(file), depth, current);
        }

        Block lines(String name, List<String> text, int depth, Block start) {
            Block block = start;
            for (int n = 0; n < text.size(); n++) {
                String where = name + ":" + (n + 1);
                List<String> words = words(text.get(n));
                if (words.isEmpty()) {
                    continue;
                }
                String keyword = words.get(0).toLowerCase(Locale.ROOT);
                List<String> args = words.subList(1, words.size());
                switch (keyword) {
                    case "host" -> block = new Block(List.copyOf(args), Against.ORIGINAL, null);
                    case "match" -> block = match(args, where);
                    case "include" -> include(args, where, depth, block);
                    default -> {
                        if (!args.isEmpty()) {
                            out.add(new Line(block, keyword, List.copyOf(args), where));
                        }
                    }
                }
            }
            return block;
        }

        private Block match(List<String> args, String where) {
            if (args.size() == 1 && args.get(0).equalsIgnoreCase("all")) {
                return Block.ALWAYS;
            }
            if (args.size() == 2 && (args.get(0).equalsIgnoreCase("host")
                    || args.get(0).equalsIgnoreCase("originalhost"))) {
                return new Block(List.of(args.get(1).split(",")),
                        args.get(0).equalsIgnoreCase("host") ? Against.HOSTNAME : Against.ORIGINAL, null);
            }
            String why = where + ": 'Match " + String.join(" ", args) + "' is not supported by drover (only Match "
                    + "all, host and originalhost): the block is ignored";
            warnings.add(why);
            return new Block(null, Against.ORIGINAL, why);
        }

        private void include(List<String> args, String where, int depth, Block block) {
            if (depth >= MAX_INCLUDE_DEPTH || sshDir == null) {
                warnings.add(where + ": Include " + (sshDir == null ? "is not followed here" : "nested too deeply"));
                return;
            }
            for (String a : args) {
                Path pattern = a.startsWith("~/") ? sshDir.getParent().resolve(a.substring(2)) : sshDir.resolve(a);
                try (DirectoryStream<Path> files = Files.newDirectoryStream(pattern.getParent(),
                        pattern.getFileName().toString())) {
                    List<Path> sorted = new ArrayList<>();
                    files.forEach(sorted::add);
                    sorted.sort(null); // ssh includes glob matches in lexical order
                    for (Path f : sorted) {
                        if (Files.isRegularFile(f)) {
                            read(f, depth + 1, block);
                        }
                    }
                } catch (IOException e) {
                    warnings.add(where + ": cannot read Include " + a + ": " + e.getMessage());
                }
            }
        }
    }

    /** The one '=' allowed between the keyword and its first argument (inside the keyword, or alone after it). */
    private static boolean separatesKeyword(List<String> words, boolean inWord) {
        return words.isEmpty() || (words.size() == 1 && !inWord);
    }

    /** ssh_config's words: separated by blanks or one '=', double quotes group, '#' starts a comment. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        boolean in = false;
        String s = line.strip();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                in = true;
            } else if (!quoted && c == '#' && !in) {
                break;
            } else if (!quoted && (Character.isWhitespace(c) || (c == '=' && separatesKeyword(words, in)))) {
                if (in) {
                    words.add(w.toString());
                    w.setLength(0);
                    in = false;
                }
            } else {
                w.append(c);
                in = true;
            }
        }
        if (in) {
            words.add(w.toString());
        }
        return words;
    }
}
