package org.drover.playbook;

import java.util.List;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.ModuleSpec;

/**
 * Module declarations for loader tests, shaped like the real modules' (free-form command/shell, a bridge with a
 * name validator, choices on service), fixed here so the expected messages do not move when a module's
 * documentation changes.
 */
final class TestModules {
    private TestModules() {}

    static final ArgSpec.Validator INTERFACE_NAME = v -> String.valueOf(v).matches("[A-Za-z0-9_.]{1,15}") ? null
            : "'" + v + "' is not a valid interface name (up to 15 of A-Z a-z 0-9 _ .)";

    static List<ModuleSpec> specs() {
        return List.of(
                spec("command", "cmd",
                        ArgSpec.of("cmd", ArgType.STR).required().build(),
                        ArgSpec.of("chdir", ArgType.STR).build(),
                        ArgSpec.of("creates", ArgType.STR).build()),
                spec("shell", "cmd",
                        ArgSpec.of("cmd", ArgType.STR).required().build(),
                        ArgSpec.of("chdir", ArgType.STR).build()),
                spec("debug", null,
                        ArgSpec.of("msg", ArgType.RAW).build(),
                        ArgSpec.of("var", ArgType.STR).build()),
                spec("copy", null,
                        ArgSpec.of("src", ArgType.STR).build(),
                        ArgSpec.of("content", ArgType.STR).build(),
                        ArgSpec.of("dest", ArgType.STR).required().build(),
                        ArgSpec.of("mode", ArgType.STR).build(),
                        ArgSpec.of("backup", ArgType.BOOL).defaultValue(false).build()),
                spec("ping", null),
                spec("bridge", null,
                        ArgSpec.of("name", ArgType.STR).required().validator(INTERFACE_NAME).build(),
                        ArgSpec.of("members", ArgType.LIST).build(),
                        ArgSpec.of("mtu", ArgType.INT).build(),
                        ArgSpec.of("state", ArgType.STR).choices("present", "absent").defaultValue("present").build()),
                spec("service", null,
                        ArgSpec.of("name", ArgType.STR).required().build(),
                        ArgSpec.of("state", ArgType.STR).choices("started", "stopped", "restarted", "reloaded").build(),
                        ArgSpec.of("enabled", ArgType.BOOL).build()),
                spec("meta", "action",
                        ArgSpec.of("action", ArgType.STR).required()
                                .choices("flush_handlers", "noop", "end_host", "end_batch", "end_play").build()));
    }

    private static ModuleSpec spec(String name, String freeForm, ArgSpec... args) {
        return new ModuleSpec(name, name + " (test)", "", List.of(args), freeForm, List.of(), List.of());
    }

    static PlaybookLoader loader() {
        return new PlaybookLoader(specs());
    }
}
