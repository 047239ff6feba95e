package org.drover.module.freebsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.module.Args;
import org.drover.module.Change;
import org.drover.module.Outcome;
import org.drover.module.Plan;
import org.drover.transport.ExecResult;
import org.junit.jupiter.api.Test;

class ZfsClonePlannerTest {
    private static final String WEB = "zroot/jails/webserver";
    private static final String BASE = "zroot/jails/templates/14.3-RELEASE";
    private static final String SNAP = BASE + "@base";
    private final ZfsCloneModule module = new ZfsCloneModule();

    private static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private ZfsCloneModule.Desired desired(Object... kv) {
        List<String> errors = new ArrayList<>();
        Args a = Args.bind(module.spec(), args(kv), false, errors);
        assertThat(errors).isEmpty();
        return module.desired(a);
    }

    /** The read script's output as the host would print it. */
    private static String read(String target, int targetRc, boolean originExists, boolean originDataset, String props) {
        StringBuilder s = new StringBuilder();
        s.append("#drover:target\n").append(target).append("#drover:rc ").append(targetRc).append('\n');
        s.append("#drover:origin\n").append(originExists ? SNAP + "\n" : "").append("#drover:rc ")
                .append(originExists ? 0 : 1).append('\n');
        s.append("#drover:origin-dataset\n").append(originDataset ? BASE + "\n" : "").append("#drover:rc ")
                .append(originDataset ? 0 : 1).append('\n');
        if (props != null) {
            s.append("#drover:properties\n").append(props).append("#drover:rc 0\n");
        }
        return s.toString();
    }

    private static String stderrFor(int targetRc, boolean originExists, boolean originDataset) {
        StringBuilder e = new StringBuilder();
        if (targetRc != 0) {
            e.append("cannot open '" + WEB + "': dataset does not exist\n");
        }
        if (!originExists) {
            e.append("cannot open '" + SNAP + "': dataset does not exist\n");
        }
        if (!originDataset) {
            e.append("cannot open '" + BASE + "': dataset does not exist\n");
        }
        return e.toString();
    }

    private Plan plan(ZfsCloneModule.Desired d, String target, boolean originExists, boolean originDataset, String props) {
        int rc = target.isEmpty() ? 1 : 0;
        ZfsCloneModule.State s = module.parse(d, ExecResult.of(rc == 0 && originExists && originDataset ? 0 : 1,
                read(target, rc, originExists, originDataset, props), stderrFor(rc, originExists, originDataset)));
        return module.plan(s, d);
    }

    private static List<String> commands(Plan p) {
        return p.changes().stream().flatMap(c -> c.commands().stream()).toList();
    }

    private static final String CLONE_ROW = WEB + "\tfilesystem\t" + SNAP + "\t-\n";

    @Test
    void missingCloneIsCreatedWithParentsAndProperties() {
        var d = desired("name", WEB, "origin", SNAP, "properties", Map.of("quota", "10G"));
        Plan p = plan(d, "", true, true, null);
        assertThat(p.failure()).isNull();
        assertThat(p.changes()).hasSize(1);
        assertThat(commands(p).get(0)).isEqualTo("zfs clone -p -o quota=10G " + SNAP + " " + WEB);
        // the origin is proved after zfs clone -p, which exits 0 on an existing target without checking it
        assertThat(commands(p).get(1)).contains("zfs get -H -p -o value origin " + WEB).contains("= " + SNAP);
        assertThat(p.changes().get(0).diff().after()).contains("quota=10737418240");
    }

    @Test
    void missingSnapshotFailsWithoutCreateOrigin() {
        Plan p = plan(desired("name", WEB, "origin", SNAP), "", false, true, null);
        assertThat(p.failure()).contains("origin snapshot " + SNAP + " does not exist").contains("create_origin");
        assertThat(p.changes()).isEmpty();
    }

    @Test
    void missingSnapshotIsTakenWithCreateOriginBeforeCloning() {
        Plan p = plan(desired("name", WEB, "origin", SNAP, "create_origin", true, "create_parents", false),
                "", false, true, null);
        assertThat(p.failure()).isNull();
        assertThat(commands(p).get(0)).isEqualTo("zfs snapshot " + SNAP);
        assertThat(commands(p).get(1)).isEqualTo("zfs clone " + SNAP + " " + WEB);
    }

    @Test
    void createOriginNeedsTheOriginDataset() {
        Plan p = plan(desired("name", WEB, "origin", SNAP, "create_origin", true), "", false, false, null);
        assertThat(p.failure()).contains("dataset " + BASE + " does not exist");
    }

    @Test
    void existingCloneOfTheRightSnapshotIsOk() {
        Plan p = plan(desired("name", WEB, "origin", SNAP), CLONE_ROW, true, true, null);
        assertThat(p.isEmpty()).isTrue();
    }

    @Test
    void wrongOriginFailsNamingBoth() {
        String other = "zroot/jails/templates/base@15.0-RELEASE";
        Plan p = plan(desired("name", WEB, "origin", SNAP), WEB + "\tfilesystem\t" + other + "\t-\n", true, true, null);
        assertThat(p.failure()).contains(other).contains(SNAP).contains("on_origin_mismatch");
        assertThat(p.changes()).isEmpty();
    }

    @Test
    void notACloneFails() {
        Plan p = plan(desired("name", WEB, "origin", SNAP), WEB + "\tfilesystem\t-\t-\n", true, true, null);
        assertThat(p.failure()).contains("not a clone").contains(SNAP);
    }

    @Test
    void recreateDestroysAndReclonesWhenNothingDependsOnIt() {
        Plan p = plan(desired("name", WEB, "origin", SNAP, "on_origin_mismatch", "recreate"),
                WEB + "\tfilesystem\tzroot/other@x\t-\n", true, true, null);
        assertThat(p.failure()).isNull();
        assertThat(commands(p).get(0)).isEqualTo("zfs destroy " + WEB);
        assertThat(commands(p).get(1)).startsWith("zfs clone -p " + SNAP);
        assertThat(commands(p)).noneMatch(c -> c.contains(" -R ") || c.contains("destroy -r"));
    }

    @Test
    void recreateRefusesWhenItHasSnapshotsOrChildren() {
        String target = WEB + "\tfilesystem\tzroot/other@x\t-\n"
                + WEB + "/log\tfilesystem\t-\t-\n"
                + WEB + "@before-update\tsnapshot\t-\tzroot/jails/test\n";
        Plan p = plan(desired("name", WEB, "origin", SNAP, "on_origin_mismatch", "recreate"), target, true, true, null);
        assertThat(p.failure()).contains("zroot/other@x").contains(WEB + "/log").contains(WEB + "@before-update")
                .contains("zroot/jails/test");
    }

    @Test
    void propertiesCompareSizesInBytes() {
        String props = WEB + "\tquota\t10737418240\tlocal\n" + WEB + "\tmountpoint\t/jails/webserver\tinherited from zroot/jails\n"
                + WEB + "\tcom.example:role\t-\t-\n";
        var same = desired("name", WEB, "origin", SNAP,
                "properties", new LinkedHashMap<>(Map.of("quota", "10G", "mountpoint", "/jails/webserver")));
        assertThat(plan(same, CLONE_ROW, true, true, props).isEmpty()).isTrue();

        Map<String, Object> want = new LinkedHashMap<>();
        want.put("quota", "20G");
        want.put("mountpoint", "/jails/webserver");
        want.put("com.example:role", "web");
        Plan p = plan(desired("name", WEB, "origin", SNAP, "properties", want), CLONE_ROW, true, true, props);
        assertThat(commands(p)).containsExactly("zfs set quota=20G " + WEB, "zfs set com.example:role=web " + WEB);
        Change quota = p.changes().get(0);
        assertThat(quota.description()).contains("was 10737418240 (local)");
        assertThat(quota.diff().before()).isEqualTo("quota=10737418240\n");
        assertThat(quota.diff().after()).isEqualTo("quota=21474836480\n");
    }

    @Test
    void booleanPropertyValuesBecomeOnOff() {
        var d = desired("name", WEB, "origin", SNAP, "properties", Map.of("atime", false));
        assertThat(d.properties()).containsEntry("atime", "off");
    }

    @Test
    void absentRefusesDependentsAndNonClones() {
        var d = desired("name", WEB, "state", "absent");
        String withSnap = CLONE_ROW + WEB + "@s1\tsnapshot\t-\t\n";
        Plan p = plan(d, withSnap, true, true, null);
        assertThat(p.failure()).contains("refusing").contains(WEB + "@s1").contains("recursive");

        Plan r = plan(desired("name", WEB, "state", "absent", "recursive", true), withSnap, true, true, null);
        assertThat(commands(r)).containsExactly("zfs destroy -r " + WEB);

        String cloned = CLONE_ROW + WEB + "@s1\tsnapshot\t-\tzroot/jails/copy\n";
        Plan c = plan(desired("name", WEB, "state", "absent", "recursive", true), cloned, true, true, null);
        assertThat(c.failure()).contains("zroot/jails/copy").contains("-R is never used");

        Plan notClone = plan(d, WEB + "\tfilesystem\t-\t-\n", true, true, null);
        assertThat(notClone.failure()).contains("not a clone");

        Plan wrong = plan(desired("name", WEB, "state", "absent", "origin", SNAP),
                WEB + "\tfilesystem\tzroot/x@y\t-\n", true, true, null);
        assertThat(wrong.failure()).contains("zroot/x@y").contains(SNAP);
    }

    @Test
    void absentOfAPlainCloneAndOfNothing() {
        var d = desired("name", WEB, "state", "absent");
        assertThat(commands(plan(d, CLONE_ROW, true, true, null))).containsExactly("zfs destroy " + WEB);
        assertThat(plan(d, "", true, true, null).isEmpty()).isTrue();
    }

    @Test
    void unexpectedErrorsFailTheTask() {
        var d = desired("name", WEB, "origin", SNAP);
        var s = module.parse(d, ExecResult.of(1, read("", 1, true, true, null),
                "cannot open '" + WEB + "': permission denied\n"));
        assertThat(module.plan(s, d).failure()).contains("permission denied");
        var notRun = module.parse(d, ExecResult.of(127, "", "sh: zfs: not found\n"));
        assertThat(module.plan(notRun, d).failure()).contains("zfs: not found");
    }

    @Test
    void readScriptQuotesNamesWithSpaces() {
        var d = desired("name", "zroot/jails/data/pg 17", "origin", SNAP, "properties", Map.of("quota", "1G"));
        String script = module.readScript(d);
        assertThat(script).contains("-r 'zroot/jails/data/pg 17'")
                .contains("zfs get -H -p -o name,property,value,source quota 'zroot/jails/data/pg 17'");
    }

    @Test
    void injectionAttemptsAreRefusedWhenThePlaybookLoads() {
        List<Map<String, Object>> bad = List.of(
                args("name", "zroot/a; rm -rf /", "origin", SNAP),
                args("name", "zroot/$(reboot)", "origin", SNAP),
                args("name", WEB, "origin", "zroot/x@s`id`"),
                args("name", WEB, "origin", "zroot/x"),
                args("name", WEB, "origin", SNAP, "properties", Map.of("quota; id", "1G")),
                args("name", WEB, "origin", SNAP, "properties", Map.of("quota", "1G\nid")),
                args("name", WEB, "origin", SNAP, "on_origin_mismatch", "destroy"));
        for (Map<String, Object> a : bad) {
            List<String> errors = new ArrayList<>();
            Args.bind(module.spec(), a, true, errors);
            assertThat(errors).as(a.toString()).isNotEmpty();
        }
        List<String> errors = new ArrayList<>();
        Args.bind(module.spec(), args("name", "{{ jail_root }}", "origin", SNAP), true, errors);
        assertThat(errors).as("templated values are checked after rendering").isEmpty();
    }

    @Test
    void noChangeIsOneRoundTripAndCheckModeChangesNothing() throws Exception {
        FakeModuleContext ctx = new FakeModuleContext().okWhenOutOfAnswers();
        ctx.answer(ExecResult.of(0, read(CLONE_ROW, 0, true, true, null), ""));
        List<String> errors = new ArrayList<>();
        Outcome o = module.run(ctx, Args.bind(module.spec(), args("name", WEB, "origin", SNAP), false, errors));
        assertThat(o.status()).isEqualTo(Outcome.Status.OK);
        assertThat(ctx.calls).hasSize(1);

        FakeModuleContext check = new FakeModuleContext().okWhenOutOfAnswers();
        check.check(true);
        check.answer(ExecResult.of(1, read("", 1, true, true, null), stderrFor(1, true, true)));
        Outcome c = module.run(check, Args.bind(module.spec(), args("name", WEB, "origin", SNAP), false, errors));
        assertThat(c.status()).isEqualTo(Outcome.Status.CHANGED);
        assertThat(check.calls).hasSize(1);

        FakeModuleContext apply = new FakeModuleContext().okWhenOutOfAnswers();
        apply.answer(ExecResult.of(1, read("", 1, true, true, null), stderrFor(1, true, true)));
        Outcome a = module.run(apply, Args.bind(module.spec(), args("name", WEB, "origin", SNAP), false, errors));
        assertThat(a.status()).isEqualTo(Outcome.Status.CHANGED);
        assertThat(apply.calls).hasSize(2);
        assertThat(apply.calls.get(1).script()).startsWith("set -e\n").contains("zfs clone -p " + SNAP + " " + WEB);
    }
}
