package org.drover.transport;

import java.util.regex.Pattern;

/**
 * How one request reaches the remote login shell: the command line, and for a password become the protocol
 * that answers the prompt. Pure: unit-tested without a host.
 *
 * <p>Without become: {@code /bin/sh -c SCRIPT}. With become, an outer /bin/sh sets PATH (the login shell's may
 * not hold /usr/local/bin, where FreeBSD keeps sudo and doas) and execs the tool, which runs
 * {@code /bin/sh -c SCRIPT} as the target user.
 *
 * <p>With a password, the tool's prompt is answered once, and the script announces itself with a marker line
 * first: until the marker everything comes from the tool (prompt, "Sorry, try again"), after it from the script,
 * so the prompt never reaches stdout and stdin is sent only once the script reads it. sudo reads the password
 * from stdin ({@code -S}) with a prompt of our own ({@code -p}), so no terminal is needed and stdout and stderr
 * stay apart. doas and su read it only from a terminal: those requests get a PTY (no echo, no output
 * processing); stdin then goes through the terminal in raw mode, counted by {@code head -c}, since a terminal
 * cannot carry an end of file; and stderr arrives merged into stdout.
 *
 * @param commandLine the exec string for the login shell
 * @param pty         allocate a PTY for this request
 * @param prompt      the exact sudo prompt to answer, or null (doas/su: {@link #looksLikePrompt})
 * @param marker      the line the script prints before anything else, or null when no password is involved
 * @param markerOnStderr where the prompt and marker appear (sudo: stderr; PTY: the one output stream)
 */
public record BecomeCommand(String commandLine, boolean pty, String prompt, String marker, boolean markerOnStderr) {
    private static final Pattern PROMPT = Pattern.compile("(?is).*(password|passphrase)[^\\n]*:\\s*$");

    /**
     * @param script already prefixed with the exports
     * @param stdinLength bytes that will be sent on stdin, or -1 for none
     * @param nonce    random word that makes prompt and marker unique for this request
     */
    public static BecomeCommand build(String script, Become become, long stdinLength, String nonce) {
        if (become == null) {
            return new BecomeCommand(Sh.command(script), false, null, null, false);
        }
        if (!nonce.matches("[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("nonce must be alphanumeric");
        }
        String user = become.user();
        if (user.isEmpty() || user.startsWith("-") || !user.matches("[A-Za-z0-9_.][A-Za-z0-9_.-]*\\$?")) {
            throw new IllegalArgumentException("invalid become user: " + Sh.quote(user));
        }
        boolean password = become.password() != null;
        String marker = password ? "drover-become-ok-" + nonce : null;
        String inner = script;
        boolean pty = needsPty(become);
        if (password && !pty) {
            inner = "printf '%s\\n' " + marker + " >&2\n" + script;
        } else if (pty) {
            StringBuilder sb = new StringBuilder();
            if (stdinLength >= 0) {
                sb.append("stty raw -echo 2>/dev/null\n");
            }
            sb.append("printf '%s\\n' ").append(marker).append('\n');
            if (stdinLength >= 0) {
                sb.append("head -c ").append(stdinLength).append(" | /bin/sh -c ").append(Sh.quoteAlways(script));
            } else {
                sb.append("/bin/sh -c ").append(Sh.quoteAlways(script)).append(" </dev/null");
            }
            inner = sb.toString();
        }
        String prompt = null;
        String tool = switch (become.method()) {
            case SUDO -> {
                if (password) {
                    prompt = "[drover-sudo-" + nonce + "]:";
                    yield "sudo -S -p " + Sh.quote(prompt) + " -u " + user + " -- /bin/sh -c " + Sh.quoteAlways(inner);
                }
                yield "sudo -n -u " + user + " -- /bin/sh -c " + Sh.quoteAlways(inner);
            }
            case DOAS -> "doas " + (password ? "" : "-n ") + "-u " + user + " /bin/sh -c " + Sh.quoteAlways(inner);
            // su hands its -c argument to the target user's login shell, which may be csh.
            case SU -> "su " + user + " -c " + Sh.quoteAlways(Sh.command(inner));
        };
        String outer = "PATH=" + Sh.PATH + "; export PATH; exec " + tool;
        return new BecomeCommand(Sh.command(outer), pty, prompt, marker, password && !pty);
    }

    /** Whether a request with this become runs on a PTY (a password for doas or su). */
    public static boolean needsPty(Become become) {
        return become != null && become.password() != null && become.method() != Become.Method.SUDO;
    }

    /** Whether the text the tool printed so far ends in a password prompt (doas, su). */
    public static boolean looksLikePrompt(String text) {
        return PROMPT.matcher(text).matches();
    }

    /** Whether this request runs the password protocol. */
    public boolean answersPrompt() {
        return marker != null;
    }
}
