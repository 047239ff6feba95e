package org.drover.runlock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock scripts run by this machine's /bin/sh, the lock in a temp directory instead of /tmp. */
class LockScriptTest {
    private static final Duration DAY = Duration.ofDays(1);
    @TempDir
    Path tmp;

    private record Ran(int exit, String stdout, String stderr) {
        LockReply reply() {
            return LockReply.parse(exit, stdout, stderr);
        }
    }

    private Path dir() {
        return tmp.resolve("drover-run.lock");
    }

    private static LockScript.Me me(String run) {
        return new LockScript.Me(run, "ctl.example.net", "alice", 4242);
    }

    private static Ran sh(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/bin/sh", "-c", script).start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Ran(p.waitFor(), out, new String(err.join(), StandardCharsets.UTF_8));
    }

    private Ran take(String run, Duration wait, Duration maxAge, long anchor) throws Exception {
        return sh(LockScript.take(me(run), wait, maxAge, anchor, dir().toString()));
    }

    /** A pid that no longer runs. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void aFreeHostIsLockedAndTheHolderFileNamesTheRun() throws Exception {
        Ran r = take("run-1", Duration.ZERO, DAY, ProcessHandle.current().pid());
        assertThat(r.reply()).as("%s", r).isEqualTo(new LockReply.Acquired(null, null));
        String holder = Files.readString(dir().resolve("holder"));
        assertThat(holder).contains("run=run-1\n", "controller=ctl.example.net\n", "user=alice\n", "pid=4242\n",
                "anchor=" + ProcessHandle.current().pid() + "\n", "comm=java\n").containsPattern("since=[0-9]+\n");
    }

    @Test
    void aLiveHolderMakesTheSecondRunFailNamingIt() throws Exception {
        take("run-1", Duration.ZERO, DAY, ProcessHandle.current().pid());
        Ran r = take("run-2", Duration.ZERO, DAY, -1);
        assertThat(r.exit()).as("%s", r).isEqualTo(LockScript.BUSY);
        LockReply.Busy busy = (LockReply.Busy) r.reply();
        assertThat(busy.holder().describe())
                .matches("run run-1 of user alice on controller ctl\\.example\\.net \\(pid 4242\\) since 20\\d\\d-.*Z");
        assertThat(Files.readString(dir().resolve("holder"))).as("untouched").contains("run=run-1\n");
    }

    @Test
    void theSecondRunWaitsOnTheHostAndProceedsOnceTheFirstReleases() throws Exception {
        take("run-1", Duration.ZERO, DAY, ProcessHandle.current().pid());
        CompletableFuture<Ran> second = CompletableFuture.supplyAsync(() -> {
            try {
                return take("run-2", Duration.ofSeconds(60), DAY, -1);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(1500);
        assertThat(second).as("still waiting").isNotDone();
        Ran released = sh(LockScript.release("run-1", dir().toString()));
        assertThat(released.exit()).isZero();
        Ran r = second.get();
        assertThat(r.reply()).as("%s", r).isEqualTo(new LockReply.Acquired(null, null));
        assertThat(Files.readString(dir().resolve("holder"))).contains("run=run-2\n");
    }

    @Test
    void aLockWhoseAnchorIsGoneIsBrokenAndSaysWhose() throws Exception {
        long dead = deadPid();
        take("run-1", Duration.ZERO, DAY, dead);
        Ran r = take("run-2", Duration.ZERO, DAY, -1);
        LockReply.Acquired a = (LockReply.Acquired) r.reply();
        assertThat(a.why()).as("%s", r).isEqualTo("its SSH session on the host (pid " + dead + ") is gone");
        assertThat(a.broken().runId()).isEqualTo("run-1");
        assertThat(Files.readString(dir().resolve("holder"))).contains("run=run-2\n");
        assertThat(Files.list(tmp)).as("nothing left beside the lock").containsExactly(dir());
    }

    @Test
    void aLockOlderThanTheBoundIsBrokenEvenWithALiveAnchor() throws Exception {
        take("run-1", Duration.ZERO, DAY, ProcessHandle.current().pid());
        String holder = Files.readString(dir().resolve("holder")).replaceAll("since=[0-9]+", "since=1000");
        Files.writeString(dir().resolve("holder"), holder);
        Ran r = take("run-2", Duration.ZERO, Duration.ofHours(12), -1);
        LockReply.Acquired a = (LockReply.Acquired) r.reply();
        assertThat(a.why()).as("%s", r).isEqualTo("it is older than 43200 s");
        assertThat(a.broken().describe()).endsWith("since 1970-01-01T00:16:40Z");
    }

    @Test
    void aPidReusedByAnotherProgramIsNotTheHolder() throws Exception {
        take("run-1", Duration.ZERO, DAY, ProcessHandle.current().pid());
        Path h = dir().resolve("holder");
        Files.writeString(h, Files.readString(h).replace("comm=java", "comm=sshd"));
        Ran r = take("run-2", Duration.ZERO, DAY, -1);
        assertThat(((LockReply.Acquired) r.reply()).why()).as("%s", r).contains("is gone");
    }

    @Test
    void theSameRunTakesItAgainAndOnlyItsOwnLockIsReleased() throws Exception {
        take("run-1", Duration.ZERO, DAY, ProcessHandle.current().pid());
        assertThat(take("run-1", Duration.ZERO, DAY, -1).reply()).isEqualTo(new LockReply.Acquired(null, null));
        assertThat(sh(LockScript.release("run-2", dir().toString())).exit()).isZero();
        assertThat(dir()).as("another run's lock stays").exists();
        assertThat(sh(LockScript.release("run-1", dir().toString())).exit()).isZero();
        assertThat(dir()).doesNotExist();
    }

    @Test
    void aLockWithoutHolderFileIsBrokenAfterAWhile() throws Exception {
        Files.createDirectory(dir());
        Ran r = take("run-2", Duration.ofSeconds(30), DAY, -1);
        assertThat(((LockReply.Acquired) r.reply()).why()).as("%s", r).isEqualTo("it has no holder file");
    }

    @Test
    void valuesFromTheHostArePrintedAsText() {
        LockReply r = LockReply.parse(LockScript.BUSY, "busy\nrun=r1\ncontroller=evil\u001b[31m\nuser=bob\npid=x\n"
                + "since=12\n", "");
        Holder h = ((LockReply.Busy) r).holder();
        assertThat(h.controller()).isEqualTo("evil?[31m");
        assertThat(h.describe()).isEqualTo("run r1 of user bob on controller evil?[31m (pid ?) since 1970-01-01T00:00:12Z");
        assertThat(LockReply.parse(127, "", "sh: mkdir: not found\n"))
                .isEqualTo(new LockReply.Failed("exit 127: sh: mkdir: not found"));
        assertThat(LockReply.parse(0, "acquired\nbroke=it is older than 5 s\nrun=r0\n", ""))
                .isEqualTo(new LockReply.Acquired(Holder.parse(java.util.List.of("run=r0")), "it is older than 5 s"));
    }

    @Test
    void runIdsAreSafeInFileNames() {
        assertThat(RunIds.create()).matches(LockScript.RUN_ID).matches("\\d{8}T\\d{6}Z-[0-9a-f]{8}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> me("a/b")).isInstanceOf(IllegalArgumentException.class);
    }
}
