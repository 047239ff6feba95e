package org.drover.module.wait;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.Args;
import org.drover.module.Module;
import org.drover.module.ModuleContext;
import org.drover.module.ModuleSpec;
import org.drover.module.Outcome;
import org.drover.transport.ExecResult;
import org.drover.transport.Sh;

/**
 * {@code wait_for}: Ansible's arguments and messages; the polling loop runs on the host in one round trip
 * ({@code nc -z} for a port, {@code test -e} and {@code grep -E} for a path), the match groups are taken here.
 */
public final class WaitForModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("wait_for",
            "Wait for a port, a file or a string in it, on the host",
            "Polls on the host, in one round trip, until the condition holds or timeout seconds have passed"
                    + " (counted from the start, delay included): started/present (a port accepts connections,"
                    + " a file exists, search_regex matches it), stopped (a port refuses), absent (a file is gone)."
                    + " Neither port nor path: waits timeout seconds. search_regex is matched line by line with"
                    + " grep -E, so only syntax Python's re and POSIX ERE read alike is accepted."
                    + " state=drained is not supported.",
            List.of(ArgSpec.of("host", ArgType.STR).defaultValue("127.0.0.1")
                            .description("Address or name to connect to, from the host.")
                            .validator(WaitForModule::hostProblem).build(),
                    ArgSpec.of("port", ArgType.INT).description("TCP port to poll.")
                            .validator(v -> ((Number) v).longValue() < 1 || ((Number) v).longValue() > 65535
                                    ? "port must be between 1 and 65535" : null).build(),
                    ArgSpec.of("path", ArgType.STR).description("File to poll.")
                            .validator(v -> String.valueOf(v).isEmpty() || String.valueOf(v).contains("\n")
                                    || String.valueOf(v).startsWith("-")
                                    ? "path must be a file name on one line, not starting with '-'" : null).build(),
                    ArgSpec.of("search_regex", ArgType.STR)
                            .description("A regular expression the file (or what the port sends) must match.")
                            .validator(v -> Regexes.problem(String.valueOf(v))).build(),
                    ArgSpec.of("state", ArgType.STR).defaultValue("started")
                            .choices("absent", "drained", "present", "started", "stopped")
                            .validator(v -> "drained".equals(v) ? "state=drained (waiting for connections to end)"
                                    + " is not supported by drover: wait for the port to stop, or count connections"
                                    + " with sockstat in a command task with until:" : null)
                            .description("started/present, stopped/absent.").build(),
                    ArgSpec.of("timeout", ArgType.INT).defaultValue(300).description("Seconds to wait at most.").build(),
                    ArgSpec.of("delay", ArgType.INT).defaultValue(0).description("Seconds before the first check.")
                            .build(),
                    ArgSpec.of("sleep", ArgType.INT).defaultValue(1).description("Seconds between checks.").build(),
                    ArgSpec.of("connect_timeout", ArgType.INT).defaultValue(5)
                            .description("Seconds each connection attempt may take.").build(),
                    ArgSpec.of("msg", ArgType.STR).description("The failure message instead of the default.").build()),
            null,
            List.of("- wait_for:\n    port: 8080\n    delay: 2\n    timeout: 60",
                    "- wait_for:\n    path: /var/log/app.log\n    search_regex: 'started in ([0-9]+) ms'"),
            List.of(ArgSpec.of("elapsed", ArgType.INT).description("seconds waited").build(),
                    ArgSpec.of("match_groups", ArgType.LIST).description("search_regex's groups").build(),
                    ArgSpec.of("match_groupdict", ArgType.MAP).description("its named groups").build()))
            .withBuiltinAliases();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    /** The host to connect to: a name or address, never an option. */
    static String hostProblem(Object v) {
        String h = String.valueOf(v);
        return h.matches("[A-Za-z0-9_.:%\\[\\]-]+") && !h.startsWith("-") ? null
                : "host must be a host name or an address";
    }

    @Override
    public Outcome run(ModuleContext ctx, Args args) throws Exception {
        Long port = args.has("port") ? args.integer("port") : null;
        String path = args.has("path") ? args.string("path") : null;
        String state = args.string("state");
        String regex = args.has("search_regex") ? args.string("search_regex") : null;
        if (port != null && path != null) {
            return fail("port and path parameter can not both be passed to wait_for", 0);
        }
        if (path != null && state.equals("stopped")) {
            return fail("state=stopped should only be used for checking a port in the wait_for module", 0);
        }
        ExecResult r = ctx.exec(script(args, port, path, regex));
        String[] head = r.stdout().lines().findFirst().orElse("").split(" ");
        if (head.length != 2 || !head[1].matches("\\d+")) {
            return Outcome.failed("wait_for: the polling script failed: " + (r.timedOut() ? "timed out"
                    : r.stderr().strip()), null);
        }
        long elapsed = Long.parseLong(head[1]);
        if (!head[0].equals("ok")) {
            return fail(args.has("msg") ? args.string("msg") : timeoutMessage(args, port, path, regex, state),
                    elapsed);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("state", state);
        result.put("port", port);
        result.put("search_regex", regex);
        List<Object> groups = new ArrayList<>();
        Map<String, Object> named = new LinkedHashMap<>();
        if (regex != null && (state.equals("started") || state.equals("present"))) {
            String text = r.stdout().substring(Math.min(r.stdout().length(), r.stdout().indexOf('\n') + 1));
            Matcher m = Pattern.compile(Regexes.toJava(regex), Pattern.MULTILINE).matcher(text);
            if (m.find()) {
                for (int g = 1; g <= m.groupCount(); g++) {
                    groups.add(m.group(g));
                }
                for (String n : Regexes.groupNames(regex)) {
                    named.put(n, m.group(n));
                }
            }
        }
        result.put("match_groups", groups);
        result.put("match_groupdict", named);
        result.put("path", path);
        result.put("elapsed", elapsed);
        return Outcome.ok(null, result);
    }

    private static Outcome fail(String msg, long elapsed) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("elapsed", elapsed);
        return Outcome.failed(msg, r);
    }

    private static String timeoutMessage(Args a, Long port, String path, String regex, String state) {
        String hp = a.string("host") + ":" + port;
        boolean up = state.equals("started") || state.equals("present");
        if (port != null) {
            return !up ? "Timeout when waiting for " + hp + " to stop."
                    : regex != null ? "Timeout when waiting for search string " + regex + " in " + hp
                    : "Timeout when waiting for " + hp;
        }
        return !up ? "Timeout when waiting for " + path + " to be absent."
                : regex != null ? "Timeout when waiting for search string " + regex + " in " + path
                : "Timeout when waiting for file " + path;
    }

    /** The loop, as Ansible's: the clock starts before the delay; a check only while time is left. */
    static String script(Args a, Long port, String path, String regex) {
        String state = a.string("state");
        boolean up = state.equals("started") || state.equals("present");
        String nc = port == null ? null : Sh.join("nc", "-w", String.valueOf(a.integer("connect_timeout")),
                a.string("host"), String.valueOf(port));
        String grep = regex == null ? null : Sh.join("grep", "-E", "-q", "-e", Regexes.toEre(regex));
        String check;
        String show = "";
        if (port == null && path == null) {
            check = "false";
        } else if (port != null) {
            String zero = nc.replaceFirst("^nc ", "nc -z ");
            check = !up ? "! " + zero : grep == null ? zero
                    : "out=$(" + nc + " </dev/null 2>/dev/null); printf '%s\\n' \"$out\" | " + grep;
            show = up && grep != null ? "printf '%s\\n' \"$out\"\n" : "";
        } else {
            String p = Sh.quote(path);
            check = !up ? "! test -e " + p : grep == null ? "test -e " + p : "test -e " + p + " && " + grep + " -- " + p;
            show = up && grep != null ? "cat -- " + p + "\n" : "";
        }
        long timeout = a.integer("timeout");
        long delay = a.integer("delay");
        return "s=$(date +%s)\n"
                + (delay > 0 ? "sleep " + delay + "\n" : "")
                + "r=timeout\n"
                + "while [ $(( $(date +%s) - s )) -lt " + timeout + " ]; do\n"
                + "  if " + check + "; then r=ok; break; fi\n"
                + "  sleep " + Math.max(0, a.integer("sleep")) + "\n"
                + "done\n"
                + (port == null && path == null ? "r=ok\n" : "")
                + "printf '%s %s\\n' \"$r\" $(( $(date +%s) - s ))\n"
                + (show.isEmpty() ? "" : "[ \"$r\" = ok ] && " + show);
    }
}
