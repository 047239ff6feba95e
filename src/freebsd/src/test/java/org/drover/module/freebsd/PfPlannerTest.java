package org.drover.module.freebsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.module.Args;
import org.drover.module.Change;
import org.drover.module.Outcome;
import org.drover.transport.ExecResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PfPlannerTest {
    private final PfModule module = new PfModule();

    static final String RULES = """
            ext_if = "em0"
            set skip on lo0
            nat on $ext_if inet from 10.66.0.0/24 to any -> ($ext_if)
            block in all
            pass out all keep state
            pass in on $ext_if proto tcp to port 22
            """;
    /** What pfctl -o none -nvf prints for RULES. */
    static final String NVF = """
            ext_if = "em0"
            set skip on { lo0 }
            nat on em0 inet from 10.66.0.0/24 to any -> (em0) round-robin
            block drop in all
            pass out all flags S/SA keep state
            pass in on em0 proto tcp from any to any port = ssh flags S/SA keep state
            """;
    static final String NAT = "nat on em0 inet from 10.66.0.0/24 to any -> (em0) round-robin\n";
    static final String FILTER = """
            block drop in all
            pass out all flags S/SA keep state
            pass in on em0 proto tcp from any to any port = ssh flags S/SA keep state
            """;

    static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    Args bind(Object... kv) {
        List<String> errors = new ArrayList<>();
        Args a = Args.bind(module.spec(), args(kv), false, errors);
        assertThat(errors).isEmpty();
        return a;
    }

    /** Builds the read script's output. */
    static String read(String running, int runningRc, String nat, String rules, String parsed, int parsedRc,
                       String parseErr, String pfEnable, String file) {
        StringBuilder s = new StringBuilder();
        s.append("#drover:running\n").append(running).append("#drover:rc ").append(runningRc).append('\n');
        if (runningRc != 0 && running.isEmpty()) {
            s.append("#drover:err pfctl: /dev/pf: No such file or directory\n");
        }
        s.append("#drover:nat\n").append(nat).append("#drover:rc 0\n");
        s.append("#drover:rules\n").append(rules).append("#drover:rc 0\n");
        if (parsed != null) {
            s.append("#drover:parsed\n").append(parsed).append("#drover:rc ").append(parsedRc).append('\n');
            if (parseErr != null) {
                s.append("#drover:err ").append(parseErr).append('\n');
            }
        }
        if (file != null && file.startsWith(RULES)) {
            s.append("#drover:current\n").append(NVF).append("#drover:rc 0\n"); // the old file, normalised
        }
        s.append("#drover:pf_enable\n").append(pfEnable).append("\n#drover:rc 0\n");
        s.append("#drover:pf_rules\n/etc/pf.conf\n#drover:rc 0\n");
        if (file != null) {
            s.append("#drover:file\n").append(file);
        }
        return s.toString();
    }

    PfPlanner.PfPlan plan(FakeModuleContext ctx, Args a, String readOut) throws Exception {
        PfModule.Desired d = module.desired(ctx, a);
        return PfPlanner.plan(module.parse(d, ExecResult.of(0, readOut, "")), d);
    }

    static List<String> descriptions(List<Change> cs) {
        return cs.stream().map(Change::description).toList();
    }

    @Test
    void convergedHostHasNothingToDo() throws Exception {
        var p = plan(new FakeModuleContext().okWhenOutOfAnswers(), bind("rules", RULES, "boot", true),
                read("Enabled\n", 0, NAT, FILTER, NVF, 0, null, "YES", RULES));
        assertThat(p.failure()).isNull();
        assertThat(p.isEmpty()).isTrue();
    }

    @Test
    void handEditedLoadedRulesetIsDriftEvenWhenTheFileMatches() throws Exception {
        String edited = FILTER.replace("pass in on em0 proto tcp", "pass in quick on em0 proto tcp")
                + "pass in all flags S/SA keep state\n";
        var p = plan(new FakeModuleContext().okWhenOutOfAnswers(), bind("rules", RULES),
                read("Enabled\n", 0, NAT, edited, NVF, 0, null, "YES", RULES));
        assertThat(descriptions(p.apply())).noneMatch(d -> d.contains("update /etc/pf.conf"));
        Change load = p.apply().stream().filter(c -> c.description().startsWith("load ")).findFirst().orElseThrow();
        assertThat(load.commands()).containsExactly("pfctl -o none -f /etc/pf.conf");
        assertThat(load.diff().before()).contains("pass in all flags S/SA keep state");
        assertThat(load.diff().after()).doesNotContain("pass in all flags");
        assertThat(load.diff().label()).isEqualTo("loaded pf rules");
        assertThat(p.confirm()).isTrue();
    }

    @Test
    void fileDriftWithLoadedRulesEqualOnlyRewritesTheFile() throws Exception {
        var p = plan(new FakeModuleContext().okWhenOutOfAnswers(), bind("rules", RULES),
                read("Enabled\n", 0, NAT, FILTER, NVF, 0, null, "YES", RULES + "# a comment added by hand\n"));
        assertThat(descriptions(p.apply())).containsExactly("update /etc/pf.conf");
        Change write = p.apply().get(0);
        assertThat(write.diff().before()).contains("# a comment added by hand");
        assertThat(write.diff().after()).isEqualTo(RULES);
        assertThat(write.commands()).contains("pfctl -o none -nf \"$drover_tmp\"", "mv -f \"$drover_tmp\" /etc/pf.conf");
        assertThat(write.commands().get(0)).isEqualTo("drover_tmp=$(mktemp /etc/pf.conf.drover.XXXXXX)");
        assertThat(p.confirm()).isFalse();
    }

    @Test
    void tableContentChangedByHandIsDrift() throws Exception {
        String rules = "table <webs> persist { 10.0.0.11 }\npass in proto tcp to <webs> port 80\n";
        String nvf = "table <webs> persist { 10.0.0.11 }\npass in proto tcp from any to <webs> port = http flags S/SA keep state\n";
        String filter = "pass in proto tcp from any to <webs> port = http flags S/SA keep state\n";
        String base = read("Enabled\n", 0, "", filter, nvf, 0, null, "YES", rules);
        String same = base.replace("#drover:pf_enable", "#drover:table:webs\n   10.0.0.11\n#drover:rc 0\n#drover:pf_enable");
        assertThat(plan(new FakeModuleContext().okWhenOutOfAnswers(), bind("rules", rules), same).isEmpty()).isTrue();

        String added = base.replace("#drover:pf_enable",
                "#drover:table:webs\n   10.0.0.11\n   10.9.9.9\n#drover:rc 0\n#drover:pf_enable");
        var p = plan(new FakeModuleContext().okWhenOutOfAnswers(), bind("rules", rules), added);
        assertThat(descriptions(p.apply())).contains("table <webs> differs from the rules (reloaded with them)",
                "load /etc/pf.conf into the main ruleset");
        Change t = p.apply().stream().filter(c -> c.description().startsWith("table")).findFirst().orElseThrow();
        assertThat(t.diff().before()).contains("<webs> 10.9.9.9");
        assertThat(t.commands()).isEmpty();

        String missing = base.replace("#drover:pf_enable",
                "#drover:table:webs\n#drover:rc 255\n#drover:err pfctl: Table does not exist.\n#drover:pf_enable");
        assertThat(descriptions(plan(new FakeModuleContext().okWhenOutOfAnswers(), bind("rules", rules), missing).apply()))
                .contains("table <webs> differs from the rules (reloaded with them)");
    }

    @Test
    void aFileThatOnlyChangesSetOptionsIsLoaded() throws Exception {
        String rules = RULES.replace("set skip on lo0", "set skip on { lo0 bridge0 }");
        String nvf = NVF.replace("set skip on { lo0 }", "set skip on { lo0 bridge0 }");
        var p = plan(new FakeModuleContext().okWhenOutOfAnswers(), bind("rules", rules, "rollback_after", 0),
                read("Enabled\n", 0, NAT, FILTER, nvf, 0, null, "YES", RULES));
        assertThat(descriptions(p.apply())).containsExactly("update /etc/pf.conf", "load /etc/pf.conf into the main ruleset");
    }

    @Test
    void lockOutGuardStepsComeInTheRightOrder() throws Exception {
        var p = plan(new FakeModuleContext().okWhenOutOfAnswers(), bind("rules", RULES, "boot", true, "rollback_after", 30),
                read("Disabled\n", 1, "", "", NVF, 0, null, "NO", null));
        assertThat(p.confirm()).isTrue();
        assertThat(descriptions(p.apply())).containsExactly(
                "save the running pf rules and /etc/pf.conf for the rollback",
                "arm the rollback timer: restore the previous pf rules in 30 s unless a new connection is confirmed",
                "create /etc/pf.conf",
                "load /etc/pf.conf into the main ruleset",
                "enable pf");
        assertThat(descriptions(p.confirmed())).containsExactly(
                "confirm a new SSH connection within 15 s, then disarm the rollback timer",
                "start pf at boot (pf_enable=YES)");
        List<String> cmds = p.applyCommands();
        // the timer runs before anything changes, in a session of its own, deaf to the signals that stop the script
        int timer = indexOf(cmds, "drover_timer=");
        int start = indexOf(cmds, "if command -v setsid");
        int armed = indexOf(cmds, "[ -s /etc/pf.conf.drover-armed.run ] ||");
        int load = cmds.indexOf("pfctl -o none -f /etc/pf.conf");
        int mv = cmds.indexOf("mv -f \"$drover_tmp\" /etc/pf.conf");
        assertThat(timer).isLessThan(start);
        assertThat(start).isLessThan(armed);
        assertThat(armed).isLessThan(mv);
        assertThat(mv).isLessThan(load);
        assertThat(cmds.get(timer)).contains(" HUP INT TERM; echo $$ > /etc/pf.conf.drover-armed.run.new")
                .contains("sleep 30").contains("pfctl -d");
        assertThat(cmds.get(start)).contains("setsid sh -c \"$drover_timer\"").contains("daemon -f sh -c");
        assertThat(p.confirmedCommands().get(0)).startsWith("mv -f /etc/pf.conf.drover-armed.run /etc/pf.conf.drover-armed.run.done");
        assertThat(p.confirmedCommands()).contains("sysrc pf_enable=YES >/dev/null");
    }

    @Test
    void restoreScriptPutsBackTheFileAndTheLoadedRules() {
        var d = new PfModule.Desired(RULES, "/etc/pf.conf", null, true, null, 60, false, "run");
        var g = PfPlanner.GuardFiles.of("/etc/pf.conf", "run");
        String fromFile = PfPlanner.restoreScript(d, g, true, true, true);
        assertThat(fromFile).startsWith("sleep 60; mv -f /etc/pf.conf.drover-armed.run /etc/pf.conf.drover-armed.run.fired 2>/dev/null || exit 0; ")
                .contains("mv -f /etc/pf.conf.drover-rollback.run /etc/pf.conf")
                .contains("pfctl -o none -f /etc/pf.conf || pfctl -o none -f /etc/pf.conf.drover-loaded.run || pfctl -d");
        String fromDump = PfPlanner.restoreScript(d, g, true, true, false);
        assertThat(fromDump).contains("pfctl -o none -f /etc/pf.conf.drover-loaded.run || pfctl -d")
                .doesNotContain("pfctl -o none -f /etc/pf.conf ||");
        assertThat(PfPlanner.restoreScript(d, g, false, false, false)).contains("pfctl -d").doesNotContain("drover-rollback");
    }

    @Test
    void rollbackReloadsTheOldFileOnlyWhenItWasWhatTheKernelHad() throws Exception {
        String old = "set skip on lo0\npass all\n";
        String oldParsed = "set skip on { lo0 }\npass all flags S/SA keep state\n";
        String matching = read("Enabled\n", 0, "", "pass all flags S/SA keep state\n", NVF, 0, null, "YES", null)
                .replace("#drover:pf_enable", "#drover:current\n" + oldParsed + "#drover:rc 0\n#drover:pf_enable")
                + "#drover:file\n" + old;
        var p = plan(new FakeModuleContext().okWhenOutOfAnswers(), bind("rules", RULES), matching);
        String arm = p.applyCommands().stream().filter(c -> c.startsWith("drover_timer=")).findFirst().orElseThrow();
        assertThat(arm).contains("pfctl -o none -f /etc/pf.conf ||");

        String edited = matching.replace("#drover:rules\npass all flags S/SA keep state\n",
                "#drover:rules\npass all flags S/SA keep state\nblock drop in quick proto udp all\n");
        var q = plan(new FakeModuleContext().okWhenOutOfAnswers(), bind("rules", RULES), edited);
        String arm2 = q.applyCommands().stream().filter(c -> c.startsWith("drover_timer=")).findFirst().orElseThrow();
        assertThat(arm2).doesNotContain("pfctl -o none -f /etc/pf.conf ||").contains("drover-loaded");
    }

    @Test
    void noGuardLocallyWithZeroDelayOrForAnAnchor() throws Exception {
        String out = read("Enabled\n", 0, "", "", NVF, 0, null, "YES", null);
        FakeModuleContext local = new FakeModuleContext().okWhenOutOfAnswers();
        local.vars.put("ansible_connection", "local");
        assertThat(plan(local, bind("rules", RULES), out).confirm()).isFalse();
        var zero = plan(new FakeModuleContext().okWhenOutOfAnswers(), bind("rules", RULES, "rollback_after", 0), out);
        assertThat(zero.confirm()).isFalse();
        assertThat(descriptions(zero.apply())).containsExactly("create /etc/pf.conf", "load /etc/pf.conf into the main ruleset");
        var anchor = plan(new FakeModuleContext().okWhenOutOfAnswers(), bind("rules", RULES, "anchor", "drover/lab"), out);
        assertThat(anchor.confirm()).isFalse();
        assertThat(anchor.applyCommands()).containsExactly("pfctl -a drover/lab -o none -f -");
    }

    @Test
    void rulesThatDoNotParseChangeNothing() throws Exception {
        var p = plan(new FakeModuleContext().okWhenOutOfAnswers(), bind("rules", "pass in on $nope\n"),
                read("Enabled\n", 0, NAT, FILTER, "", 1, "stdin:1: macro 'nope' not defined", "YES", RULES));
        assertThat(p.failure()).contains("/etc/pf.conf:1: macro 'nope' not defined").contains("nothing changed");
        assertThat(p.apply()).isEmpty();
    }

    @Test
    void missingPfModuleIsLoadedFirst() throws Exception {
        var p = plan(new FakeModuleContext().okWhenOutOfAnswers(), bind("rules", RULES, "rollback_after", 0),
                read("", 1, "", "", NVF, 0, null, "NO", RULES));
        assertThat(p.applyCommands().get(0)).isEqualTo("kldload -n pf");
        assertThat(descriptions(p.apply())).contains("enable pf");
    }

    @Test
    void disablingPfNeedsNoRules() throws Exception {
        var p = plan(new FakeModuleContext().okWhenOutOfAnswers(), bind("state", "disabled", "boot", false),
                read("Enabled\n", 0, NAT, FILTER, null, 0, null, "YES", null));
        assertThat(descriptions(p.apply())).containsExactly("disable pf", "do not start pf at boot (pf_enable=NO)");
        assertThat(p.confirm()).isFalse();
    }

    @Test
    void templateIsRenderedWithTheHostVars(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("pf.conf.j2"), "pass in on {{ uplink }} proto tcp to port 22\n");
        FakeModuleContext ctx = new FakeModuleContext().okWhenOutOfAnswers();
        ctx.localDir = dir;
        ctx.vars.put("uplink", "vtnet0");
        var d = module.desired(ctx, bind("template", "pf.conf.j2"));
        assertThat(d.content()).isEqualTo("pass in on vtnet0 proto tcp to port 22\n");
        Files.writeString(dir.resolve("raw.conf"), "pass all {{ not rendered }}\n\n\n");
        assertThat(module.desired(ctx, bind("src", "raw.conf")).content()).isEqualTo("pass all {{ not rendered }}\n");
    }

    @Test
    void injectionAndBadArgumentsAreRefusedAtLoad() {
        for (Map<String, Object> a : List.of(args("rules", "x", "anchor", "a;reboot"), args("rules", "x", "anchor", "_sys"),
                args("rules", "x", "path", "etc/pf.conf"), args("rules", "x", "path", "/etc/../tmp/x"),
                args("rules", "x", "state", "on"), args("rules", "x", "rollback_after", -1))) {
            List<String> errors = new ArrayList<>();
            Args.bind(module.spec(), a, true, errors);
            assertThat(errors).as(a.toString()).isNotEmpty();
        }
        assertThat(module.readScript(new PfModule.Desired("x\n", "/etc/my pf.conf", null, true, null, 60, false, "run")))
                .contains("cat '/etc/my pf.conf'");
    }

    @Test
    void runConfirmsThenDisarms() throws Exception {
        FakeModuleContext ctx = new FakeModuleContext().okWhenOutOfAnswers();
        ctx.answer(ExecResult.of(0, read("Enabled\n", 0, "", "", NVF, 0, null, "YES", null), ""));
        Outcome o = module.run(ctx, bind("rules", RULES, "rollback_after", 20));
        assertThat(o.status()).isEqualTo(Outcome.Status.CHANGED);
        assertThat(ctx.calls).hasSize(3);
        assertThat(ctx.calls.get(0).stdin()).isEqualTo(RULES);
        assertThat(ctx.calls.get(1).stdin()).isEqualTo(RULES);
        assertThat(ctx.calls.get(1).script()).contains("setsid sh -c");
        assertThat(ctx.probes).hasSize(1);
        assertThat(ctx.calls.get(2).script()).contains("drover-armed.run.done");
        assertThat(o.result()).containsEntry("guard", "confirmed");
    }

    @Test
    void runFailsAndDoesNotDisarmWhenTheProbeFails() throws Exception {
        FakeModuleContext ctx = new FakeModuleContext().okWhenOutOfAnswers();
        ctx.probeResult = false;
        ctx.answer(ExecResult.of(0, read("Enabled\n", 0, "", "", NVF, 0, null, "NO", null), ""));
        Outcome o = module.run(ctx, bind("rules", RULES, "rollback_after", 1, "boot", true));
        assertThat(o.status()).isEqualTo(Outcome.Status.FAILED);
        assertThat(o.message()).contains("new SSH connections to lab1 failed").contains("restores the previous rules");
        assertThat(ctx.calls).hasSize(2); // read + apply; never the disarm, never rc.conf
        assertThat(ctx.calls.get(1).script()).doesNotContain("sysrc");
        assertThat(o.result()).containsEntry("guard", "rolled_back");
    }

    @Test
    void noChangeIsOneRoundTrip() throws Exception {
        FakeModuleContext ctx = new FakeModuleContext().okWhenOutOfAnswers();
        ctx.answer(ExecResult.of(0, read("Enabled\n", 0, NAT, FILTER, NVF, 0, null, "YES", RULES), ""));
        assertThat(module.run(ctx, bind("rules", RULES)).status()).isEqualTo(Outcome.Status.OK);
        assertThat(ctx.calls).hasSize(1);
    }

    private static int indexOf(List<String> cmds, String prefix) {
        for (int i = 0; i < cmds.size(); i++) {
            if (cmds.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
