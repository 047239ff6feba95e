package org.drover.transport;

import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** POSIX sh quoting. Every value that reaches a remote shell goes through here or a validated name type. */
public final class Sh {
    /** FreeBSD's standard PATH (the Linux directories are the same set). */
    public static final String PATH = "/sbin:/bin:/usr/sbin:/usr/bin:/usr/local/sbin:/usr/local/bin";

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Sh() {}

    /** Quotes s as one sh word: single quotes, each embedded quote as {@code '\''}. */
    public static String quote(String s) {
        if (!s.isEmpty() && s.chars().allMatch(Sh::safe)) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Quotes each word and joins them with spaces. */
    public static String join(Collection<String> words) {
        return words.stream().map(Sh::quote).collect(Collectors.joining(" "));
    }

    public static String join(String... words) {
        return join(java.util.List.of(words));
    }

    /** True when name may be used as an environment variable name. */
    public static boolean validEnvName(String name) {
        return name != null && ENV_NAME.matcher(name).matches();
    }

    /**
     * The assignments every script starts with: {@code LC_ALL=C}, the standard PATH, then env (names
     * validated, values quoted), each exported.
     *
     * @throws IllegalArgumentException for an invalid variable name
     */
    public static String exports(Map<String, String> env) {
        StringBuilder sb = new StringBuilder("LC_ALL=C; PATH=").append(PATH).append("; export LC_ALL PATH\n");
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (!validEnvName(e.getKey())) {
                throw new IllegalArgumentException("invalid environment variable name: " + quote(e.getKey()));
            }
            sb.append(e.getKey()).append('=').append(quote(e.getValue())).append("; export ").append(e.getKey())
                    .append('\n');
        }
        return sb.toString();
    }

    /**
     * A command line that runs script with {@code /bin/sh -c}, valid whatever the login shell that reads it
     * (sh, bash, csh, tcsh). csh cannot take a newline or a {@code !} inside single quotes, so a script with
     * either is carried as a {@code printf %b} escape string that sh decodes and evals; everything else is
     * plain single quoting, which means the same in both shell families.
     */
    public static String command(String script) {
        return "/bin/sh -c " + quoteAlways(cshSafe(script));
    }

    /**
     * Runs script under {@code timeout -s KILL} where the host has it (FreeBSD base, GNU coreutils), so a command
     * that outlives its deadline dies with all its children even when the SSH server cannot deliver a signal
     * (OpenSSH refuses signal requests on root sessions). foreground: keep the terminal's process group (PTY).
     */
    public static String withDeadline(String script, long seconds, boolean foreground) {
        String s = quoteAlways(script);
        return "drover_script=" + s + "\nif command -v timeout >/dev/null 2>&1; then exec timeout "
                + (foreground ? "--foreground " : "") + "-s KILL " + seconds + " /bin/sh -c \"$drover_script\"; fi\n"
                + "exec /bin/sh -c \"$drover_script\"\n";
    }

    /** script itself when a csh reads it the same as sh inside single quotes, else an eval of its escape. */
    static String cshSafe(String script) {
        if (script.indexOf('\n') < 0 && script.indexOf('\r') < 0 && script.indexOf('!') < 0) {
            return script;
        }
        StringBuilder esc = new StringBuilder(script.length() + 16);
        for (int i = 0; i < script.length(); i++) {
            char c = script.charAt(i);
            switch (c) {
                case '\\' -> esc.append("\\\\");
                case '\n' -> esc.append("\\n");
                case '\r' -> esc.append("\\r");
                case '!' -> esc.append("\\0041");
                default -> esc.append(c);
            }
        }
        return "eval \"$(printf '%b' " + quoteAlways(esc.toString()) + ")\"";
    }

    /** Single quotes even when the word is safe unquoted. */
    static String quoteAlways(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static boolean safe(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '-' || c == '.' || c == '/' || c == ':' || c == ',' || c == '@'
                || c == '%' || c == '+' || c == '=';
    }
}
