package org.drover.module.files;

import org.drover.module.ArgChecks;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;

/** Arguments the file modules share, declared once: Ansible's names, aliases and meaning. */
final class FileArgs {
    private FileArgs() {}

    static ArgSpec path(String description, String... aliases) {
        return ArgSpec.of("path", ArgType.STR).required().aliases(aliases).description(description)
                .example("/usr/local/etc/app.conf").validator(ArgChecks.operand()).build();
    }

    static final ArgSpec MODE = ArgSpec.of("mode", ArgType.RAW)
            .description("Permissions as Ansible takes them: octal ('0644' quoted, or an unquoted 0644, which YAML 1.1 "
                    + "reads as octal; an unquoted 644 is the number 644, i.e. 01204, as in Ansible) or symbolic "
                    + "(u+rwx,g-w,o=r). Omitted: an existing path keeps its mode; a new one follows the umask.")
            .example("'0640'").validator(Modes::problem).build();
    static final ArgSpec OWNER = ArgSpec.of("owner", ArgType.STR).description("Owner (name or uid).")
            .example("root").validator(ArgChecks.account()).build();
    static final ArgSpec GROUP = ArgSpec.of("group", ArgType.STR).description("Group (name or gid).")
            .example("wheel").validator(ArgChecks.account()).build();
    static final ArgSpec BACKUP = ArgSpec.of("backup", ArgType.BOOL).defaultValue(false)
            .description("Keep the old file as PATH.<timestamp>~ when changing it.").build();
    static final ArgSpec VALIDATE = ArgSpec.of("validate", ArgType.STR)
            .description("A command that checks the new file before it replaces the old one; %s is the temp file.")
            .example("/usr/sbin/sshd -t -f %s").build();

    /** An Ansible argument drover refuses when it loads the playbook, saying what to write instead. */
    static ArgSpec refused(String name, String instead) {
        return ArgSpec.of(name, ArgType.RAW).description("Not supported by drover: " + instead + ".")
                .validator(v -> "not supported by drover: " + instead).build();
    }
}
