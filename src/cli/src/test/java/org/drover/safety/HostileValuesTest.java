package org.drover.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.Args;
import org.drover.module.Module;
import org.drover.module.ModuleContext;
import org.drover.module.ModuleRegistry;
import org.drover.module.Outcome;
import org.drover.template.JinjavaTemplater;
import org.drover.template.Templater;
import org.drover.transport.ExecResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every argument of every module against a corpus of hostile values, given literally (checked when the playbook
 * loads) and through a variable (checked when the task runs): each is refused, or reaches every script the
 * module sends as data — the shell interprets none of it, and a value starting with '-' is never where a
 * command would read an option. The scripts are inspected through a recording {@link ModuleContext}.
 */
class HostileValuesTest {
    static final List<String> CORPUS = List.of(";touch PWN", "$(touch PWN)", "`touch PWN`", "'touch PWN'",
            "\"touch PWN\"", "a\ntouch PWN", "a\rPWN", "a\u001b]0;PWN\u0007", "a\u0000PWN", "${PWN}", "a b|PWN&",
            "-PWN", "--PWN", "PWN".repeat(20_000));

    /** A valid call of each module, to which one hostile argument is added. */
    static final Map<String, Map<String, Object>> BASE = Map.ofEntries(
            Map.entry("command", Map.of("cmd", "true")), Map.entry("shell", Map.of("cmd", "true")),
            Map.entry("raw", Map.of("cmd", "true")), Map.entry("ping", Map.of()),
            Map.entry("debug", Map.of("msg", "hi")), Map.entry("set_fact", Map.of("x", 1)),
            Map.entry("assert", Map.of("that", List.of("true"))), Map.entry("fail", Map.of()),
            Map.entry("copy", Map.of("content", "x", "dest", "/tmp/drover-h")),
            Map.entry("template", Map.of("src", "t.j2", "dest", "/tmp/drover-h")),
            Map.entry("meta", Map.of("action", "noop")), Map.entry("pf", Map.of("src", "pf.conf")),
            Map.entry("bridge", Map.of("name", "bridge0")), Map.entry("epair", Map.of("name", "epair0")),
            Map.entry("jail", Map.of("name", "web", "path", "/jails/web")),
            Map.entry("zfs_clone", Map.of("name", "zroot/j/web", "origin", "zroot/t@base")),
            Map.entry("sysrc", Map.of("name", "foo_enable", "value", "YES")),
            Map.entry("service", Map.of("name", "sshd", "state", "started")),
            Map.entry("kld", Map.of("name", "if_bridge")),
            Map.entry("lineinfile", Map.of("path", "/tmp/drover-h", "line", "x")),
            Map.entry("pkg", Map.of("name", List.of("nginx"))), Map.entry("pkgng", Map.of("name", List.of("nginx"))),
            Map.entry("community.general.pkgng", Map.of("name", List.of("nginx"))),
            Map.entry("include_vars", Map.of("file", "vars.yml")),
            Map.entry("fetch", Map.of("src", "/etc/rc.conf", "dest", "fetched")),
            Map.entry("get_url", Map.of("url", "http://files.example.org/a.txt", "dest", "/tmp/drover-h")),
            Map.entry("unarchive", Map.of("src", "t.j2", "dest", "/tmp")), Map.entry("script", Map.of("cmd", "t.j2")),
            Map.entry("user", Map.of("name", "deploy")), Map.entry("group", Map.of("name", "deploy")),
            Map.entry("authorized_key", Map.of("user", "deploy", "key", "ssh-ed25519 AAAAkey")),
            Map.entry("cron", Map.of("name", "backup", "job", "/bin/true")),
            Map.entry("file", Map.of("path", "/tmp/drover-h", "state", "touch")),
            Map.entry("stat", Map.of("path", "/tmp/drover-h")),
            Map.entry("blockinfile", Map.of("path", "/tmp/drover-h", "block", "x")),
            Map.entry("replace", Map.of("path", "/tmp/drover-h", "regexp", "x")),
            Map.entry("package", Map.of("name", List.of("nginx"))),
            Map.entry("setup", Map.of()),
            Map.entry("wait_for", Map.of("path", "/tmp/drover-h", "timeout", 0)),
            Map.entry("wait_for_connection", Map.of("timeout", 0)), Map.entry("reboot", Map.of("reboot_timeout", 0)));

    /**
     * Arguments whose value is code or data by design (a command, a message, file content, a controller-side
     * file): they are neither refused nor quoted, as in Ansible.
     */
    static final Set<String> CODE_OR_DATA = Set.of("command.cmd", "shell.cmd", "raw.cmd", "command.stdin",
            "shell.stdin", "debug.msg", "debug.var", "fail.msg", "assert.that", "assert.fail_msg",
            "assert.success_msg", "set_fact.x", "copy.content", "copy.validate", "template.validate", "copy.src",
            "template.src", "pf.rules", "pf.src", "pf.template", "jail.exec", "ping.data", "lineinfile.line",
            "lineinfile.regexp", "lineinfile.search_string", "lineinfile.insertafter", "lineinfile.insertbefore",
            "lineinfile.validate",
            "include_vars.file", "include_vars.dir", "include_vars.name", "include_vars.files_matching",
            "include_vars.ignore_files", "include_vars.extensions", "include_vars.free_form",
            "blockinfile.block", "blockinfile.marker", "blockinfile.marker_begin", "blockinfile.marker_end",
            "blockinfile.insertafter", "blockinfile.insertbefore", "blockinfile.validate", "replace.regexp",
            "replace.replace", "replace.after", "replace.before", "replace.validate",
            "reboot.test_command", "reboot.boot_time_command", "reboot.reboot_command", "wait_for.msg", "setup.filter");

    /** Options that take the next word as their value, so a value there starting with '-' is not an option. */
    static final Set<String> VALUE_OPTIONS = Set.of("description", "-o", "-f", "-e");

    final Templater templater = new JinjavaTemplater();
    int inspected;
    @TempDir
    Path dir;

    @Test
    void everyModuleArgumentRefusesOrQuotesEveryHostileValue() throws Exception {
        Files.writeString(dir.resolve("t.j2"), "x\n");
        Files.writeString(dir.resolve("pf.conf"), "pass all\n");
        List<String> findings = new ArrayList<>();
        int cases = 0;
        for (Module m : ModuleRegistry.load().all()) {
            String name = m.spec().name();
            assertThat(BASE).as("a base call for module " + name).containsKey(name);
            for (ArgSpec a : m.spec().args()) {
                if (!a.choices().isEmpty() || a.type() == ArgType.BOOL || a.type() == ArgType.INT
                        || a.name().equals("*")) {
                    continue;
                }
                for (String h : CORPUS) {
                    cases++;
                    check(m, a, h, findings);
                }
            }
        }
        assertThat(cases).isGreaterThan(500);
        assertThat(inspected).as("accepted values whose scripts were inspected").isGreaterThan(50);
        assertThat(findings).isEmpty();
    }

    private void check(Module m, ArgSpec a, String h, List<String> findings) throws Exception {
        String where = m.spec().name() + "." + a.name() + " = " + org.drover.text.Visible.oneLine(
                h.length() > 40 ? h.substring(0, 40) + "..." : h);
        Object value = shaped(a, h);
        List<String> loadErrors = bind(m, a, value);
        // through a variable: deferred when loading, the same verdict when the task runs
        List<String> deferred = bind(m, a, "{{ v }}");
        if (!deferred.isEmpty()) {
            findings.add(where + ": a templated value is not deferred: " + deferred);
            return;
        }
        Map<String, Object> raw = call(m, a, "{{ v }}");
        @SuppressWarnings("unchecked")
        Map<String, Object> rendered = (Map<String, Object>) templater.render(raw, Map.of("v", value));
        List<String> runErrors = new ArrayList<>();
        Args runArgs = Args.bind(m.spec(), rendered, false, runErrors);
        if (loadErrors.isEmpty() != runErrors.isEmpty()) {
            findings.add(where + ": refused " + (loadErrors.isEmpty() ? "at run time only" : "at load time only")
                    + ": " + loadErrors + runErrors);
            return;
        }
        if (!loadErrors.isEmpty()) {
            if (loadErrors.stream().noneMatch(e -> e.contains(a.name()))) {
                findings.add(where + ": refused without naming the argument: " + loadErrors);
            }
            return;
        }
        if (CODE_OR_DATA.contains(m.spec().name() + "." + a.name())) {
            return;
        }
        Recording ctx = new Recording(dir, templater);
        Outcome o;
        try {
            o = m.run(ctx, runArgs);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return; // refused while planning (a rule across arguments, or a defence in depth)
        }
        List<String> scripts = new ArrayList<>(ctx.scripts);
        if (o.result() != null && o.result().get("commands") instanceof List<?> l) {
            l.forEach(c -> scripts.add(String.valueOf(c)));
        }
        inspected += scripts.isEmpty() ? 0 : 1;
        for (String s : scripts) {
            String problem = problem(s, h);
            if (problem != null) {
                findings.add(where + ": " + problem + " in:\n" + s);
                return;
            }
        }
    }

    /** Why the script lets the shell interpret part of h, or puts h where an option goes; null when it is data. */
    static String problem(String script, String h) {
        if (!h.matches("-*PWN") && !h.startsWith("PWNPWN") && ShellLexer.active(script).contains("PWN")) {
            return "the value escaped its quoting";
        }
        if (h.startsWith("-")) {
            for (List<String> cmd : ShellLexer.words(script)) {
                for (int i = 1; i < cmd.size(); i++) {
                    if (cmd.get(i).equals(h) && !cmd.subList(0, i).contains("--")
                            && !VALUE_OPTIONS.contains(cmd.get(i - 1))) {
                        return "'" + h + "' is where " + cmd.get(0) + " reads options";
                    }
                }
            }
        }
        return null;
    }

    /** h as the argument's type takes it: a string, a one-item list, a mapping (as a key and as a value). */
    static Object shaped(ArgSpec a, String h) {
        return switch (a.type()) {
            case LIST -> List.of(h);
            case MAP -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("com.example:role", h);
                m.put(h.length() > 64 ? "k" : h, "x");
                yield m;
            }
            default -> h;
        };
    }

    private static Map<String, Object> call(Module m, ArgSpec a, Object value) {
        Map<String, Object> raw = new LinkedHashMap<>(BASE.get(m.spec().name()));
        raw.put(a.name(), value);
        return raw;
    }

    private static List<String> bind(Module m, ArgSpec a, Object value) {
        List<String> errors = new ArrayList<>();
        Args.bind(m.spec(), call(m, a, value), true, errors);
        return errors;
    }

    /** Records every script; answers each with an empty success. */
    static final class Recording implements ModuleContext {
        final List<String> scripts = new ArrayList<>();
        private final Path dir;
        private final Templater templater;

        Recording(Path dir, Templater templater) {
            this.dir = dir;
            this.templater = templater;
        }

        @Override
        public String host() {
            return "lab1";
        }

        @Override
        public ExecResult exec(String script) {
            return exec(script, null);
        }

        @Override
        public ExecResult exec(String script, byte[] stdin) {
            scripts.add(script);
            return ExecResult.of(0, "", "");
        }

        @Override
        public boolean check() {
            return false;
        }

        @Override
        public boolean diff() {
            return true;
        }

        @Override
        public Map<String, Object> vars() {
            return Map.of();
        }

        @Override
        public Templater templater() {
            return templater;
        }

        @Override
        public Path resolveLocal(String name, String kind) {
            return dir.resolve(name);
        }

        @Override
        public boolean probeNewConnection(Duration timeout) {
            return true;
        }
    }

    @Test
    void theInspectionSeesEscapesAndOptions() {
        assertThat(problem("echo $(touch PWN)", "$(touch PWN)")).contains("escaped");
        assertThat(problem("x=\"a$(touch PWN)\"", "$(touch PWN)")).contains("escaped");
        assertThat(problem("echo `touch PWN`", "`touch PWN`")).contains("escaped");
        assertThat(problem("echo a;touch PWN", ";touch PWN")).contains("escaped");
        assertThat(problem("echo 'a'\\''touch PWN'", "'touch PWN'")).isNull();
        assertThat(problem("echo '$(touch PWN)' \"\\$(PWN)\"", "$(touch PWN)")).isNull();
        assertThat(problem("cd -PWN || exit 1", "-PWN")).contains("where cd reads options");
        assertThat(problem("cd -- -PWN || exit 1", "-PWN")).isNull();
        assertThat(problem("ifconfig bridge0 description --PWN", "--PWN")).isNull();
        assertThat(problem("sysrc -f /etc/rc.conf x=-PWN", "-PWN")).isNull();
    }
}
