package org.drover.module.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.drover.freebsd.FileStat;
import org.drover.freebsd.Sections;
import org.drover.module.Change;
import org.drover.module.Diff;
import org.drover.module.Plan;
import org.drover.module.StateModule;
import org.junit.jupiter.api.Test;

/** The file module's planner on awkward states, fed what FreeBSD's stat -f prints (see the sample). */
class FilePlannerTest {
    static final String FILE = "100644 0 0 12 130054 88 1 1717171717.000000000 1717171717.000000000 "
            + "1717171717.000000000 root wheel\t";
    static final String DIR = "40755 0 0 512 20 88 3 1717171717.000000000 1717171717.000000000 "
            + "1717171717.000000000 root wheel\t";
    static final String LINK = "120755 0 0 9 77 88 1 1717171717.000000000 1717171717.000000000 "
            + "1717171717.000000000 root wheel\t../target";
    static final String MISSING = "stat: %s: stat: No such file or directory";

    static FileWant want(String path, String state, Object mode) {
        return new FileWant(path, state, mode, null, null, false, null, false, true);
    }

    static FileState read(FileWant w, String... sections) {
        StringBuilder out = new StringBuilder(Sections.frame("umask", "0022", 0));
        for (int i = 0; i < sections.length; i += 2) {
            String body = sections[i + 1];
            out.append(Sections.frame(sections[i], body, body.startsWith("stat: ") ? 1 : 0));
        }
        return FileState.parse(w, out.toString());
    }

    static Plan plan(FileWant w, String... sections) {
        return FilePlanner.plan(read(w, sections), w).plan();
    }

    @Test
    void aDirectoryWhereAFileIsWantedFailsAndChangesNothing() {
        Plan p = plan(want("/srv/app", "file", "0644"), "path", DIR);
        assertThat(p.failure()).isEqualTo("file (/srv/app) is directory, cannot continue");
        assertThat(p.changes()).isEmpty();
        Plan f = plan(want("/srv/x", "directory", null), "path", FILE, "missing", "");
        assertThat(f.failure()).isEqualTo("/srv/x already exists as a file");
    }

    @Test
    void aMissingFileIsNotCreatedByStateFile() {
        Plan p = plan(want("/srv/new", "file", null), "path", MISSING.formatted("/srv/new"));
        assertThat(p.failure()).isEqualTo("file (/srv/new) is absent, cannot continue");
    }

    @Test
    void stateOmittedIsWhatThePathIs() {
        FileWant w = want("/srv/app", null, "0750");
        Plan p = plan(w, "path", DIR, "missing", "");
        assertThat(StateModule.commands(p.changes())).containsExactly("chmod 0750 -- /srv/app");
        assertThat(p.changes().get(0).diff()).isEqualTo(new Diff("/srv/app (mode)", "0755\n", "0750\n"));
    }

    @Test
    void symbolicAndOctalModesThatAgreeChangeNothing() {
        assertThat(plan(want("/etc/motd", "file", "u=rw,g=r,o=r"), "path", FILE).changes()).isEmpty();
        assertThat(plan(want("/etc/motd", "file", "0644"), "path", FILE).changes()).isEmpty();
        assertThat(plan(want("/etc/motd", "file", 420), "path", FILE).changes()).isEmpty();
        Plan p = plan(want("/etc/motd", "file", "go-r"), "path", FILE);
        assertThat(StateModule.commands(p.changes())).containsExactly("chmod 0600 -- /etc/motd");
    }

    @Test
    void aFollowedSymlinkChangesItsTarget() {
        FileWant w = want("/srv/link", "file", "0600");
        Plan p = plan(w, "path", LINK, "follow", "/srv/target\n" + FILE);
        assertThat(StateModule.commands(p.changes())).containsExactly("chmod 0600 -- /srv/target");
    }

    @Test
    void aLinkRetargetedAndALinkThatIsRight() {
        FileWant w = new FileWant("/srv/link", "link", null, null, null, false, "../other", false, true);
        Plan p = plan(w, "path", LINK, "follow", "/srv/target\n" + FILE, "src", FILE);
        assertThat(StateModule.commands(p.changes())).containsExactly("ln -sfn -- ../other /srv/link");
        FileWant same = new FileWant("/srv/link", "link", null, null, null, false, "../target", false, true);
        assertThat(plan(same, "path", LINK, "follow", "/srv/target\n" + FILE, "src", FILE).changes()).isEmpty();
    }

    @Test
    void aFileIsNotTurnedIntoALinkWithoutForce() {
        FileWant w = new FileWant("/srv/f", "link", null, null, null, false, "/etc/motd", false, true);
        assertThat(plan(w, "path", FILE, "src", FILE).failure())
                .isEqualTo("refusing to convert from file to symlink for /srv/f");
        FileWant missing = new FileWant("/srv/f", "link", null, null, null, false, "nowhere", false, true);
        assertThat(plan(missing, "path", MISSING.formatted("/srv/f"), "src", MISSING.formatted("nowhere")).failure())
                .isEqualTo("src file does not exist, use \"force=yes\" if you really want to create the link: /srv/nowhere");
    }

    @Test
    void newDirectoriesAreCreatedOutermostFirstEachWithTheMode() {
        FileWant w = want("/srv/a/b", "directory", "0750");
        Plan p = plan(w, "path", MISSING.formatted("/srv/a/b"), "missing", "/srv/a\n/srv/a/b\n");
        assertThat(StateModule.commands(p.changes())).containsExactly("mkdir -- /srv/a", "chmod 0750 -- /srv/a",
                "mkdir -- /srv/a/b", "chmod 0750 -- /srv/a/b");
    }

    @Test
    void absentRemovesADirectoryAndItsTreeAndShowsIt() {
        FileWant w = want("/srv/old", "absent", null);
        String tree = FILE.replace("\t", "\t/srv/old/f") + "\n";
        Plan p = plan(w, "path", DIR, "tree", tree);
        Change c = p.changes().get(0);
        assertThat(c.commands()).containsExactly("rm -rf -- /srv/old");
        assertThat(c.diff().before()).isEqualTo("directory\n/srv/old/f\n");
        assertThat(plan(w, "path", MISSING.formatted("/srv/old"), "tree", "").changes()).isEmpty();
    }

    @Test
    void recurseSetsModesBelowAndRefusesLinksInTheTree() {
        FileWant w = new FileWant("/srv/www", "directory", "u=rwX,go=rX", "www", null, true, null, false, true);
        String tree = FILE.replace("100644", "100600").replace("\t", "\t/srv/www/index.html") + "\n"
                + DIR.replace("\t", "\t/srv/www/img") + "\n";
        Plan p = plan(w, "path", DIR, "missing", "", "tree", tree);
        assertThat(StateModule.commands(p.changes())).containsExactly("chown -- www /srv/www",
                "chmod 0644 -- /srv/www/index.html", "chown -- www /srv/www/index.html", "chown -- www /srv/www/img");
        String withLink = tree + LINK.replace("\t../target", "\t/srv/www/l") + "\n";
        assertThat(plan(w, "path", DIR, "missing", "", "tree", withLink).failure()).contains("/srv/www/l is a symbolic link");
    }

    @Test
    void ownerByNameOrByNumber() {
        FileWant byId = new FileWant("/etc/motd", "file", null, "0", "0", false, null, false, true);
        assertThat(plan(byId, "path", FILE).changes()).isEmpty();
        FileWant byName = new FileWant("/etc/motd", "file", null, "root", "operator", false, null, false, true);
        assertThat(StateModule.commands(plan(byName, "path", FILE).changes()))
                .containsExactly("chgrp -- operator /etc/motd");
    }

    @Test
    void touchAlwaysChangesAndCreatesWithTheUmask() {
        FileWant w = want("/srv/stamp", "touch", null);
        assertThat(StateModule.commands(plan(w, "path", FILE).changes())).containsExactly("touch -- /srv/stamp");
        FileWant m = want("/srv/new", "touch", "0600");
        assertThat(StateModule.commands(plan(m, "path", MISSING.formatted("/srv/new")).changes()))
                .containsExactly("touch -- /srv/new", "chmod 0600 -- /srv/new");
    }

    @Test
    void hardLinks() {
        FileWant w = new FileWant("/srv/h", "hard", null, null, null, false, "/etc/motd", false, true);
        String other = FILE.replace(" 130054 ", " 999 ").replace(" 1 1717", " 2 1717");
        assertThat(plan(w, "path", other, "src", FILE, "inner", MISSING.formatted("/srv/h/motd")).failure())
                .isEqualTo("Cannot link, different hard link exists at destination");
        String same = FILE.replace(" 1 1717", " 2 1717");
        assertThat(plan(w, "path", same, "src", same, "inner", MISSING.formatted("/srv/h/motd")).changes()).isEmpty();
        assertThat(StateModule.commands(plan(w, "path", MISSING.formatted("/srv/h"), "src", FILE, "inner", MISSING.formatted("/srv/h/motd"))
                .changes())).containsExactly("ln -- /etc/motd /srv/h");
    }

    @Test
    void theReadScriptAsksOnlyForWhatTheStateNeeds() {
        String s = FileState.script(want("/srv/x", "file", null));
        assertThat(s).contains("stat -f '" + FileStat.FORMAT + "' -- \"$p\"").doesNotContain("find ");
        assertThat(FileState.script(want("/srv/x", "absent", null))).contains("find \"$p\" -mindepth 1");
        assertThat(FileState.ancestors("/a/b/c")).isEqualTo(List.of("/a", "/a/b", "/a/b/c"));
    }
}
