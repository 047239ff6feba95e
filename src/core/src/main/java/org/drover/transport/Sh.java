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
        return withDeadline(script, seconds, foreground, null);
    }

    /**
     * As {@link #withDeadline(String, long, boolean)}, the script's first line naming the command ({@code # drover-job
     * TAG}): it shows in the arguments of the wrapper's processes, where {@link #stopScript} finds them.
     */
    public static String withDeadline(String script, long seconds, boolean foreground, String tag) {
        String s = quoteAlways(tag == null ? script : "# " + JOB + " " + checkTag(tag) + "\n" + script);
        return "drover_script=" + s + "\nif command -v timeout >/dev/null 2>&1; then exec timeout "
                + (foreground ? "--foreground " : "") + "-s KILL " + seconds + " /bin/sh -c \"$drover_script\"; fi\n"
                + "exec /bin/sh -c \"$drover_script\"\n";
    }

    /**
     * Stops the commands tagged TAGS (see {@link #withDeadline(String, long, boolean, String)}): every process whose
     * arguments carry a tag gets the signal, and so does its process group, which holds the command's children (GNU
     * timeout leads a group of its own; elsewhere it is the SSH session's). The pattern's {@code [b]} keeps this
     * script from matching itself. After TERM, the script waits up to {@code graceSeconds} for those groups to empty
     * and KILLs what is left: a command that ignores TERM, or whose SSH channel closed first, is never left behind,
     * whatever becomes of the controller meanwhile. Always exits 0 (a command may have ended meanwhile).
     */
    public static String stopScript(StopSignal signal, Collection<String> tags, int graceSeconds) {
        tags.forEach(Sh::checkTag);
        String re = quote("drover-jo[b] (" + String.join("|", tags) + ")");
        StringBuilder s = new StringBuilder("drover_gs=\n");
        s.append("for drover_p in $(pgrep -f ").append(re).append("); do\n")
                .append("  drover_g=$(ps -o pgid= -p \"$drover_p\" | tr -d ' ')\n")
                .append("  case $drover_g in ''|0|1) ;; *) drover_gs=\"$drover_gs $drover_g\"; kill -s ")
                .append(signal.name()).append(" -- \"-$drover_g\" 2>/dev/null;; esac\n")
                .append("  kill -s ").append(signal.name()).append(" \"$drover_p\" 2>/dev/null\n")
                .append("done\n");
        if (signal == StopSignal.TERM) {
            s.append("drover_i=0\n")
                    .append("while [ $drover_i -lt ").append(graceSeconds * 10).append(" ]; do\n")
                    .append("  drover_alive=\n")
                    .append("  for drover_g in $drover_gs; do\n")
                    .append("    kill -s 0 -- \"-$drover_g\" 2>/dev/null && drover_alive=1\n")
                    .append("  done\n")
                    .append("  pgrep -f ").append(re).append(" >/dev/null && drover_alive=1\n")
                    .append("  [ -n \"$drover_alive\" ] || break\n")
                    .append("  sleep 0.1; drover_i=$((drover_i + 1))\n")
                    .append("done\n")
                    .append("for drover_g in $drover_gs; do kill -s KILL -- \"-$drover_g\" 2>/dev/null; done\n")
                    .append("for drover_p in $(pgrep -f ").append(re).append("); do\n")
                    .append("  kill -s KILL \"$drover_p\" 2>/dev/null\n")
                    .append("done\n");
        }
        return s.append("exit 0\n").toString();
    }

    private static final String JOB = "drover-job";
    private static final Pattern TAG = Pattern.compile("[0-9a-f]{8,32}");

    private static String checkTag(String tag) {
        if (!TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("a command tag is 8 to 32 lower-case hex digits: " + quote(tag));
        }
        return tag;
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
