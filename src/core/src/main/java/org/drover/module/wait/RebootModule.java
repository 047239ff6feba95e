package org.drover.module.wait;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * {@code reboot}, as Ansible's reboot action does it on FreeBSD: reads the boot time ({@code sysctl
 * kern.boottime}), runs {@code shutdown -r +Ns "msg"}, then reconnects until the boot time has changed and the
 * test command succeeds, within reboot_timeout. The run goes on over the new connection.
 */
public final class RebootModule implements Module {
    static final String BOOT_TIME = "/sbin/sysctl kern.boottime";

    private static final ModuleSpec SPEC = new ModuleSpec("reboot",
            "Reboot the host and wait until it is back",
            "Reboots with shutdown -r +<pre_reboot_delay>s (FreeBSD's arguments in Ansible's reboot action), then"
                    + " reconnects until kern.boottime has changed and test_command succeeds. changed: true;"
                    + " rebooted, elapsed in the result. In check mode nothing runs. Refused on the controller.",
            List.of(ArgSpec.of("msg", ArgType.STR).defaultValue("Reboot initiated by Ansible")
                            .description("The message shutdown broadcasts.")
                            .validator(v -> String.valueOf(v).contains("\n") || String.valueOf(v).startsWith("-")
                                    ? "msg must be one line, not starting with '-'" : null).build(),
                    ArgSpec.of("pre_reboot_delay", ArgType.INT).defaultValue(0)
                            .description("Seconds shutdown waits before rebooting (negative: 0).").build(),
                    ArgSpec.of("post_reboot_delay", ArgType.INT).defaultValue(0)
                            .description("Seconds to wait after the reboot command before checking.").build(),
                    ArgSpec.of("reboot_timeout", ArgType.INT).defaultValue(600)
                            .description("Seconds to wait for the new boot, then again for the test command.")
                            .build(),
                    ArgSpec.of("connect_timeout", ArgType.INT)
                            .description("Seconds each connection attempt may take (default 10).").build(),
                    ArgSpec.of("test_command", ArgType.STR).defaultValue("whoami")
                            .description("A shell command that must succeed after the reboot.").build(),
                    ArgSpec.of("boot_time_command", ArgType.STR).defaultValue(BOOT_TIME)
                            .description("A shell command whose output changes with every boot.").build(),
                    ArgSpec.of("reboot_command", ArgType.STR)
                            .description("The command that reboots, instead of shutdown -r.").build()),
            null,
            List.of("- reboot:\n    reboot_timeout: 300", "- reboot:\n    msg: kernel update\n    pre_reboot_delay: 5"),
            List.of(ArgSpec.of("rebooted", ArgType.BOOL).description("whether the host rebooted").build(),
                    ArgSpec.of("elapsed", ArgType.INT).description("seconds from the reboot command on").build()))
            .withBuiltinAliases();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Outcome run(ModuleContext ctx, Args args) throws Exception {
        if (ctx.local()) {
            return result(false, true, "Running reboot with local connection would reboot the control node.", 0);
        }
        if (ctx.check()) {
            return Outcome.changed(null, List.of(), Map.of("rebooted", true, "elapsed", 0));
        }
        String bootCmd = args.string("boot_time_command");
        ExecResult before = ctx.exec(bootCmd);
        if (!before.ok()) {
            return result(false, true, "failed to get system boot time: " + before.stderr().strip(), 0);
        }
        String boot = before.stdout().strip();
        long delay = Math.max(0, args.integer("pre_reboot_delay"));
        String cmd = args.has("reboot_command") ? args.string("reboot_command")
                : Sh.join("shutdown", "-r", "+" + delay + "s", args.string("msg"));
        ExecResult r;
        try {
            r = ctx.exec(cmd);
        } catch (IOException e) {
            r = ExecResult.of(0, "", ""); // the connection went down with the host, as it may
        }
        long start = System.nanoTime();
        if (!r.ok()) {
            return result(false, true, "Reboot command failed. Error was: '" + r.stdout().strip() + ", "
                    + r.stderr().strip() + "'", 0);
        }
        Thread.sleep(Math.max(0, args.integer("post_reboot_delay")) * 1000L);
        Duration timeout = Duration.ofSeconds(args.integer("reboot_timeout"));
        Duration connect = Duration.ofSeconds(args.has("connect_timeout") ? args.integer("connect_timeout") : 10);
        String why = until(timeout, () -> {
            if (!ctx.reconnect(connect)) {
                return "no connection";
            }
            ExecResult now = ctx.exec(bootCmd);
            return now.ok() && !now.stdout().strip().isEmpty() && !now.stdout().strip().equals(boot) ? null
                    : "boot time has not changed";
        });
        if (why == null) {
            why = until(timeout, () -> {
                ExecResult t = ctx.exec(args.string("test_command"));
                return t.ok() ? null : "Test command failed: " + t.stderr().strip() + " " + t.stdout().strip();
            });
        }
        long elapsed = WaitForConnectionModule.seconds(start);
        return why == null ? result(true, false, null, elapsed)
                : result(true, true, "Timed out waiting for the host to come back (timeout=" + timeout.toSeconds()
                        + "): " + why, elapsed);
    }

    /** One attempt: null when done, else why not yet. */
    private interface Attempt {
        String run() throws Exception;
    }

    /** Retries with Ansible's backoff (1, 2, 4, 8, then 12 s) until an attempt succeeds or TIMEOUT passes. */
    private static String until(Duration timeout, Attempt a) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        String why = "timed out";
        for (int fails = 0; System.nanoTime() < end; fails++) {
            try {
                why = a.run();
                if (why == null) {
                    return null;
                }
            } catch (Exception e) {
                why = e.getMessage();
            }
            Thread.sleep(Math.min(12_000L, 1000L << Math.min(fails, 4)));
        }
        return why;
    }

    private static Outcome result(boolean rebooted, boolean failed, String msg, long elapsed) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("rebooted", rebooted);
        r.put("elapsed", elapsed);
        return failed ? Outcome.failed(msg, r) : Outcome.changed(null, List.of(), r);
    }
}
