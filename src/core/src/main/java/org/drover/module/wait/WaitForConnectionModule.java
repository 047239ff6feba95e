package org.drover.module.wait;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.Args;
import org.drover.module.Module;
import org.drover.module.ModuleContext;
import org.drover.module.ModuleSpec;
import org.drover.module.Outcome;

/** {@code wait_for_connection}: reconnects to the host until a trivial command runs on it, or timeout passes. */
public final class WaitForConnectionModule implements Module {
    private static final ModuleSpec SPEC = new ModuleSpec("wait_for_connection",
            "Wait until the host accepts a new connection and runs a command",
            "After delay seconds, opens a new connection to the host and runs a trivial command, every sleep"
                    + " seconds until it works or timeout seconds have passed (counted before the delay). The new"
                    + " connection is the one the rest of the run uses.",
            List.of(ArgSpec.of("delay", ArgType.INT).defaultValue(0).description("Seconds before the first try.")
                            .build(),
                    ArgSpec.of("sleep", ArgType.INT).defaultValue(1).description("Seconds between tries.").build(),
                    ArgSpec.of("timeout", ArgType.INT).defaultValue(600).description("Seconds to wait at most.")
                            .build(),
                    ArgSpec.of("connect_timeout", ArgType.INT).defaultValue(5)
                            .description("Seconds each connection attempt may take.").build()),
            null,
            List.of("- wait_for_connection:\n    delay: 10\n    timeout: 300"),
            List.of(ArgSpec.of("elapsed", ArgType.INT).description("seconds waited").build()))
            .withBuiltinAliases();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Outcome run(ModuleContext ctx, Args args) throws Exception {
        long start = System.nanoTime();
        Thread.sleep(Math.max(0, args.integer("delay")) * 1000L);
        Duration connect = Duration.ofSeconds(Math.max(1, args.integer("connect_timeout")));
        long end = start + Duration.ofSeconds(args.integer("timeout")).toNanos();
        String last = "no attempt was made";
        while (System.nanoTime() < end) {
            if (ctx.reconnect(connect)) {
                return Outcome.ok(null, Map.of("elapsed", seconds(start)));
            }
            last = "no connection within " + connect.toSeconds() + " s";
            Thread.sleep(Math.max(0, args.integer("sleep")) * 1000L);
        }
        return Outcome.failed("timed out waiting for ping module test: " + last,
                Map.of("elapsed", seconds(start)));
    }

    static long seconds(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toSeconds();
    }
}
