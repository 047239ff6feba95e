package org.drover.module.freebsd;

import java.util.ArrayList;
import java.util.List;
import org.drover.freebsd.PkgName;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.ModuleSpec;

/**
 * The declarations of {@code pkg} and of the names Ansible gives it ({@code community.general.pkgng},
 * {@code pkgng}). Under Ansible's names the arguments mean what pkgng's do: there is no {@code bootstrap} (pkgng
 * never bootstraps; drover fails saying so), and pkgng arguments drover does not implement are refused at load.
 */
final class PkgSpecs {
    private PkgSpecs() {}

    private static final String DESCRIPTION = "Installs (present), upgrades (latest) or deletes (absent) binary "
            + "packages with pkg(8), on the host, in a jail (pkg -j, with the host's pkg) or in a chroot (pkg -c). "
            + "One round trip reads whether pkg is bootstrapped (pkg -N: /usr/sbin/pkg is only a stub until then), "
            + "the installed packages (pkg query), their dependencies when deleting or autoremoving, and for latest "
            + "the upgrades pkg upgrade -n finds (this refreshes the catalogue unless cached). --check --diff lists "
            + "the named packages to install, upgrade or delete (dependencies pkg pulls in are not listed). Deleting "
            + "never cascades: a package another installed package depends on is refused unless both are listed. "
            + "An unknown package or an unreachable repository fails the task and changes nothing.";

    static ModuleSpec pkg() {
        List<ArgSpec> args = new ArrayList<>(common());
        args.add(2, ArgSpec.of("bootstrap", ArgType.BOOL).defaultValue(true)
                .description("Bootstrap pkg first when /usr/sbin/pkg is only the stub "
                        + "(env ASSUME_ALWAYS_YES=yes pkg bootstrap); false fails instead.").build());
        return new ModuleSpec("pkg", "Install, upgrade or delete FreeBSD packages with pkg(8), also in a jail",
                DESCRIPTION, args, null, List.of("""
                        - name: web server and curl
                          pkg:
                            name: [nginx, curl]
                        """, """
                        - name: PostgreSQL in the database jail, kept up to date
                          pkg:
                            name: postgresql17-server
                            jail: database
                            state: latest
                        """), returns());
    }

    /** Ansible's name for the module: pkgng's arguments, no bootstrap. */
    static ModuleSpec pkgng(String name) {
        return new ModuleSpec(name, "Ansible's name for pkg (pkgng's arguments; never bootstraps pkg)",
                DESCRIPTION + " Under this name the arguments are community.general.pkgng's; a host where pkg "
                        + "is not bootstrapped fails.", common(), null, List.of("""
                        - community.general.pkgng:
                            name: [nginx, curl]
                            state: present
                        """), returns());
    }

    /**
     * Ansible's generic {@code package}: name and state as pkgng's (the arguments it passes on to pkgng too);
     * {@code use} may only choose pkgng.
     */
    static ModuleSpec generic() {
        List<ArgSpec> args = new ArrayList<>(common());
        args.add(2, ArgSpec.of("use", ArgType.STR).defaultValue("auto")
                .description("The package manager: auto or pkgng (FreeBSD's pkg); others are refused.")
                .validator(v -> List.of("auto", "pkgng").contains(String.valueOf(v)) ? null
                        : "use: '" + v + "' is not FreeBSD's package manager: drover's package is pkg(8) (auto or"
                        + " pkgng)").build());
        return new ModuleSpec("package", "Ansible's generic package module: pkg(8) on FreeBSD",
                DESCRIPTION + " Under this name the arguments are ansible.builtin.package's (with pkgng's); a host"
                        + " where pkg is not bootstrapped fails.", args, null, List.of("""
                        - ansible.builtin.package:
                            name: [nginx, curl]
                            state: present
                        """), returns()).withBuiltinAliases();
    }

    private static List<ArgSpec> common() {
        return List.of(
                ArgSpec.of("name", ArgType.LIST).required().aliases("pkg")
                        .description("Package names (nginx) or origins (www/nginx); one string is split on commas "
                                + "and spaces, as pkgng does. No versions, no globs.")
                        .example("[nginx, curl]").validator(PkgSpecs::namesProblem).build(),
                ArgSpec.of("state", ArgType.STR).defaultValue("present").choices("present", "latest", "absent")
                        .description("present: installed; latest: installed and upgraded when the repository "
                                + "has a newer version; absent: deleted.").build(),
                ArgSpec.of("jail", ArgType.STR).description("Act in this jail (name or JID) with pkg -j.")
                        .example("webserver").validator(PkgModule::jailProblem).build(),
                ArgSpec.of("chroot", ArgType.STR).description("Act in this directory with pkg -c.")
                        .example("/jails/template").validator(PkgModule::chrootProblem).build(),
                ArgSpec.of("autoremove", ArgType.BOOL).defaultValue(false)
                        .description("Then delete automatically installed packages nothing needs any more "
                                + "(pkg autoremove).").build(),
                ArgSpec.of("cached", ArgType.BOOL).defaultValue(false)
                        .description("Use the local catalogue, without refreshing it (pkg -U).").build(),
                ArgSpec.of("pkgsite", ArgType.STR)
                        .description("Install and upgrade from this repository only (pkg -r NAME, a name from "
                                + "/usr/local/etc/pkg/repos).").example("FreeBSD")
                        .validator(v -> PkgName.repositoryProblem(String.valueOf(v))).build(),
                ArgSpec.of("ignore_osver", ArgType.BOOL).defaultValue(false)
                        .description("Set IGNORE_OSVERSION=yes (-STABLE and -CURRENT hosts).").build(),
                ArgSpec.of("use_globs", ArgType.BOOL).defaultValue(true)
                        .description("Accepted for pkgng; names cannot hold glob characters, so it changes nothing.")
                        .build(),
                refused("annotation", "run 'pkg annotate' with the command module"),
                refused("rootdir", "use chroot, or jail"));
    }

    private static ArgSpec refused(String name, String instead) {
        return ArgSpec.of(name, ArgType.RAW).description("Not supported (refused when the playbook loads): "
                + instead + ".").validator(v -> "'" + name + "' is not supported by drover's pkg: " + instead)
                .build();
    }

    private static String namesProblem(Object v) {
        for (Object o : (List<?>) v) {
            String s = String.valueOf(o);
            if (s.equals("*")) {
                return "name '*' (every installed package) is not supported: run 'pkg upgrade -y' with the "
                        + "command module";
            }
            for (String n : s.split("[,\\s]+")) {
                String p = n.isEmpty() ? null : PkgName.problem(n);
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }

    private static List<ArgSpec> returns() {
        return List.of(ArgSpec.of("before", ArgType.MAP).description("bootstrapped, packages (name: version of "
                        + "every installed package)").build(),
                ArgSpec.of("commands", ArgType.LIST).description("the pkg commands run (or, in check mode, that "
                        + "would run)").build(),
                ArgSpec.of("changes", ArgType.LIST).description("what was (or would be) installed, upgraded, "
                        + "deleted").build());
    }
}
