package org.drover.module.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.module.Args;
import org.drover.module.Module;
import org.drover.module.Outcome;
import org.drover.module.Outcome.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** copy and template against the local /bin/sh: idempotency measured in round trips. */
class CopyModuleTest {
    @TempDir
    Path dir;

    private Outcome run(Module m, LocalContext ctx, Map<String, Object> raw) throws Exception {
        List<String> errors = new ArrayList<>();
        Args args = Args.bind(m.spec(), raw, false, errors);
        assertThat(errors).isEmpty();
        return m.run(ctx, args);
    }

    private LocalContext ctx() {
        return new LocalContext(dir, false, false, Map.of());
    }

    private Map<String, Object> copy(String content, Object mode) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("content", content);
        a.put("dest", dir.resolve("motd").toString());
        if (mode != null) {
            a.put("mode", mode);
        }
        return a;
    }

    private String perms(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void contentThatIsAListOrADictIsWrittenAsAnsibleWritesIt() {
        // recorded with ansible-core 2.14: content "{{ conf }}\n" of a dict writes json.dumps, no newline
        java.util.Map<String, Object> conf = new java.util.LinkedHashMap<>();
        conf.put("listen", "*");
        conf.put("port", 8080);
        conf.put("tags", java.util.List.of("a", "b"));
        assertThat(CopyModule.content(conf)).isEqualTo("{\"listen\": \"*\", \"port\": 8080, \"tags\": [\"a\", \"b\"]}");
        assertThat(CopyModule.content(true)).isEqualTo("True");
        assertThat(CopyModule.content("x\n")).isEqualTo("x\n");
    }

    @Test
    void createsThenStaysOkInOneRoundTrip() throws Exception {
        LocalContext first = ctx();
        Outcome o1 = run(new CopyModule(), first, copy("hello\n", "0640"));
        assertThat(o1.status()).as(o1.message()).isEqualTo(Status.CHANGED);
        assertThat(first.execs()).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("motd"))).isEqualTo("hello\n");
        assertThat(perms(dir.resolve("motd"))).isEqualTo("rw-r-----");

        LocalContext second = ctx();
        Outcome o2 = run(new CopyModule(), second, copy("hello\n", "0640"));
        assertThat(o2.status()).isEqualTo(Status.OK);
        assertThat(second.execs()).isEqualTo(1);
        assertThat(o2.result().get("checksum")).isEqualTo("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("motd"); // no temp file left
        }
    }

    @Test
    void aChangeCostsTwoRoundTripsAndShowsADiff() throws Exception {
        Files.writeString(dir.resolve("motd"), "hello\nold\n");
        Files.setPosixFilePermissions(dir.resolve("motd"), PosixFilePermissions.fromString("rw-------"));
        LocalContext c = new LocalContext(dir, false, true, Map.of());
        Outcome o = run(new CopyModule(), c, copy("hello\nnew\n", null));
        assertThat(o.status()).isEqualTo(Status.CHANGED);
        assertThat(c.execs()).isEqualTo(2);
        assertThat(o.changes()).hasSize(1);
        assertThat(o.changes().get(0).diff().before()).isEqualTo("hello\nold\n");
        assertThat(o.changes().get(0).diff().after()).isEqualTo("hello\nnew\n");
        assertThat(perms(dir.resolve("motd"))).as("an existing file keeps its mode").isEqualTo("rw-------");
    }

    @Test
    void modeOnlyChangeIsOneMoreRoundTripAndYamlNumbersAreOctalDigits() throws Exception {
        run(new CopyModule(), ctx(), copy("x\n", "0600"));
        LocalContext c = ctx();
        Outcome o = run(new CopyModule(), c, copy("x\n", 644L));
        assertThat(o.status()).isEqualTo(Status.CHANGED);
        assertThat(c.execs()).isEqualTo(2);
        assertThat(o.changes().get(0).description()).contains("0600 -> 0644");
        assertThat(perms(dir.resolve("motd"))).isEqualTo("rw-r--r--");
        LocalContext again = ctx();
        assertThat(run(new CopyModule(), again, copy("x\n", "644")).status()).isEqualTo(Status.OK);
        assertThat(again.execs()).isEqualTo(1);
    }

    @Test
    void checkModeReportsTheChangeAndWritesNothing() throws Exception {
        LocalContext c = new LocalContext(dir, true, true, Map.of());
        Outcome o = run(new CopyModule(), c, copy("new\n", null));
        assertThat(o.status()).isEqualTo(Status.CHANGED);
        assertThat(c.execs()).isEqualTo(1);
        assertThat(dir.resolve("motd")).doesNotExist();
        assertThat(o.changes().get(0).diff().before()).isEmpty();
    }

    @Test
    void srcIntoADirectoryWithBackupAndValidate() throws Exception {
        Files.createDirectories(dir.resolve("controller"));
        Files.writeString(dir.resolve("controller/app.conf"), "v=2\n");
        Files.createDirectories(dir.resolve("etc"));
        Files.writeString(dir.resolve("etc/app.conf"), "v=1\n");
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("src", "app.conf");
        a.put("dest", dir.resolve("etc").toString());
        a.put("backup", true);
        a.put("validate", "grep -q '^v=' %s");
        LocalContext c = ctx();
        Outcome o = run(new CopyModule(), c, a);
        assertThat(o.status()).as(o.message()).isEqualTo(Status.CHANGED);
        assertThat(Files.readString(dir.resolve("etc/app.conf"))).isEqualTo("v=2\n");
        String backup = (String) o.result().get("backup_file");
        assertThat(backup).startsWith(dir.resolve("etc/app.conf.").toString()).endsWith("~");
        assertThat(Files.readString(Path.of(backup))).isEqualTo("v=1\n");
    }

    @Test
    void aFailedValidationLeavesTheOldFileAndNoTempFile() throws Exception {
        Files.writeString(dir.resolve("motd"), "old\n");
        Map<String, Object> a = copy("new\n", null);
        a.put("validate", "false %s");
        Outcome o = run(new CopyModule(), ctx(), a);
        assertThat(o.status()).isEqualTo(Status.FAILED);
        assertThat(Files.readString(dir.resolve("motd"))).isEqualTo("old\n");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("motd");
        }
    }

    @Test
    void aMissingDirectoryFailsWithoutWriting() throws Exception {
        Map<String, Object> a = copy("x", null);
        a.put("dest", dir.resolve("nowhere/file").toString());
        LocalContext c = ctx();
        Outcome o = run(new CopyModule(), c, a);
        assertThat(o.status()).isEqualTo(Status.FAILED);
        assertThat(o.message()).contains("does not exist");
        assertThat(c.execs()).isEqualTo(1);
    }

    @Test
    void quotesAndSpacesInTheDestinationAreSafe() throws Exception {
        Map<String, Object> a = copy("x\n", null);
        Path odd = dir.resolve("it's a \"file\" $(touch pwned)");
        a.put("dest", odd.toString());
        assertThat(run(new CopyModule(), ctx(), a).status()).isEqualTo(Status.CHANGED);
        assertThat(Files.readString(odd)).isEqualTo("x\n");
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @Test
    void templateRendersWithTheHostsVariablesThenCopies() throws Exception {
        Files.createDirectories(dir.resolve("controller"));
        Files.writeString(dir.resolve("controller/rc.conf.j2"), "hostname=\"{{ name }}\"\n{% for i in ifs %}ifconfig_{{ i }}=\"up\"\n{% endfor %}");
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("src", "rc.conf.j2");
        a.put("dest", dir.toString());
        LocalContext c = new LocalContext(dir, false, false, Map.of("name", "web1", "ifs", List.of("em0", "em1")));
        Outcome o = run(new TemplateModule(), c, a);
        assertThat(o.status()).as(o.message()).isEqualTo(Status.CHANGED);
        assertThat(Files.readString(dir.resolve("rc.conf"))).isEqualTo("hostname=\"web1\"\nifconfig_em0=\"up\"\nifconfig_em1=\"up\"\n");
        LocalContext again = new LocalContext(dir, false, false, c.vars);
        assertThat(run(new TemplateModule(), again, a).status()).isEqualTo(Status.OK);
        assertThat(again.execs()).isEqualTo(1);
    }

    @Test
    void ownerGroupAndDestMayNotBeOptions() {
        for (String arg : List.of("owner", "group")) {
            Map<String, Object> a = copy("x", null);
            a.put(arg, "--reference=/etc/master.passwd");
            List<String> errors = new ArrayList<>();
            Args.bind(new CopyModule().spec(), a, false, errors);
            assertThat(errors).as(arg).singleElement().asString().contains("starts with '-'");
        }
        List<String> errors = new ArrayList<>();
        Args.bind(new TemplateModule().spec(), Map.of("src", "t.j2", "dest", "-rf"), false, errors);
        assertThat(errors).first().asString().contains("argument 'dest'").contains("starts with '-'");
        errors.clear();
        Args.bind(new CopyModule().spec(), Map.of("content", "x", "dest", "/etc/x", "owner", "root\nx"), false, errors);
        assertThat(errors).hasSize(1);
    }

    @Test
    void chownAndChgrpEndTheirOptionsBeforeTheOperands() {
        RemoteFile.Current cur = new RemoteFile.Current("/etc/motd", true, false, true, "0", "0644", "root", "wheel", null);
        String s = RemoteFile.writeScript("/etc/motd", new RemoteFile.Wanted(null, "www", "www"), cur, false, null);
        assertThat(s).contains("chown -- www \"$tmp\"\n").contains("chgrp -- www \"$tmp\"\n");
    }
}
