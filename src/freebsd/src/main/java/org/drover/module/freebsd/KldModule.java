package org.drover.module.freebsd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.freebsd.KldState;
import org.drover.freebsd.RcVarState;
import org.drover.freebsd.Sections;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.Args;
import org.drover.module.Change;
import org.drover.module.Diff;
import org.drover.module.ModuleContext;
import org.drover.module.ModuleSpec;
import org.drover.module.Plan;
import org.drover.module.StateModule;
import org.drover.transport.ExecResult;
import org.drover.transport.Sh;

/**
 * {@code kld}: a kernel module loaded or not ({@code kldload} / {@code kldunload}), and listed in rc.conf's
 * {@code kld_list} (loaded at boot) or not. Reads {@code kldstat -q -m}, {@code kldstat -n} and kld_list in one
 * round trip; verifies with kldstat after a change, because kldunload exits 0 on a file others still hold.
 */
public final class KldModule extends StateModule<KldModule.Desired, KldModule.Current> {
    static final String KLD_LIST = "kld_list";

    /** @param persist true: in kld_list; false: not in kld_list; null: leave kld_list alone */
    public record Desired(String name, boolean present, Boolean persist) {
    }

    /** The module and kld_list as read, or why they could not be read (then kld is null). */
    public record Current(String name, KldState kld, RcVarState kldList, String error) {
    }

    private static final ModuleSpec SPEC = new ModuleSpec("kld",
            "Load or unload a kernel module; keep it in kld_list to load it at boot",
            "Ensures a kernel module is loaded (kldload) or not (kldunload), reading kldstat -m (registered, "
                    + "also when compiled into the kernel) and kldstat -n (the loaded .ko file). persist: true adds "
                    + "the name to rc.conf's kld_list (as sysrc kld_list+=NAME does), false removes it; state: "
                    + "absent always removes it. A module compiled into the kernel, or a file other loaded files "
                    + "depend on, is never unloaded: the task fails saying so.",
            List.of(
                    ArgSpec.of("name", ArgType.STR).required()
                            .description("The module file name without .ko, as kldload takes it.").example("if_wg")
                            .validator(v -> KldState.nameProblem(String.valueOf(v))).build(),
                    ArgSpec.of("state", ArgType.STR).defaultValue("present").choices("present", "absent")
                            .description("present: loaded; absent: unloaded and out of kld_list.").build(),
                    ArgSpec.of("persist", ArgType.BOOL)
                            .description("Load at boot: in kld_list (true) or not (false). Omitted: kld_list "
                                    + "unchanged, except that state: absent removes the name.").build()),
            null,
            List.of("""
                    - name: WireGuard, now and at every boot
                      kld:
                        name: if_wg
                        persist: true
                    """, """
                    - name: No Linux ABI
                      kld:
                        name: linux64
                        state: absent
                    """),
            List.of(ArgSpec.of("before", ArgType.MAP).description("name, loaded, in_kernel, file (the .ko, or "
                            + "null), refs, in_kld_list").build(),
                    ArgSpec.of("after", ArgType.MAP).description("loaded and in_kld_list as the change leaves them")
                            .build(),
                    ArgSpec.of("commands", ArgType.LIST).description("the commands run (or, in check mode, that "
                            + "would run)").build()));

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    protected Desired desired(Args args) {
        boolean present = args.string("state").equals("present");
        Boolean persist = args.optionalBool("persist");
        if (!present && Boolean.TRUE.equals(persist)) {
            throw new IllegalArgumentException("kld: state=absent cannot be persisted (it removes the name from "
                    + KLD_LIST + ")");
        }
        return new Desired(args.string("name"), present, present ? persist : Boolean.FALSE);
    }

    @Override
    protected String readScript(Desired d) {
        return Sections.section("kld.module", Sh.join("kldstat", "-q", "-m", d.name()))
                + Sections.section("kld.file", Sh.join("kldstat", "-n", d.name()))
                + SysrcChanges.read("rc", SysrcChanges.RC_CONF, List.of(KLD_LIST));
    }

    @Override
    protected Current parse(Desired d, ExecResult read) {
        var sections = Sections.parse(read.stdout());
        Sections.Section module = Sections.get(sections, "kld.module");
        Sections.Section file = Sections.get(sections, "kld.file");
        try {
            KldState kld = KldState.parse(d.name(), module.status(), file.output(), file.status());
            RcVarState kldList = SysrcChanges.parse(sections, "rc", List.of(KLD_LIST)).get(KLD_LIST);
            return new Current(d.name(), kld, kldList, null);
        } catch (IllegalStateException e) {
            return new Current(d.name(), null, RcVarState.unset(KLD_LIST), (e.getMessage() + " "
                    + read.stderr()).strip());
        }
    }

    @Override
    protected Plan plan(Current cur, Desired d) {
        if (cur.error() != null) {
            return Plan.fail(cur.error());
        }
        KldState k = cur.kld();
        List<Change> changes = new ArrayList<>();
        if (d.present() && !k.loaded()) {
            changes.add(kernelChange(d, "load", Sh.join("kldload", d.name())));
        } else if (!d.present() && k.inKernel()) {
            return Plan.fail("kernel module " + d.name() + " is compiled into the kernel (no " + d.name()
                    + ".ko loaded): it cannot be unloaded");
        } else if (!d.present() && k.file().isPresent()) {
            int users = k.file().get().refs() - 1;
            if (users > 0) {
                return Plan.fail(k.file().get().fileName() + " cannot be unloaded: " + users + " other loaded "
                        + (users == 1 ? "file depends" : "files depend") + " on it (kldstat shows refs "
                        + (users + 1) + ")");
            }
            changes.add(kernelChange(d, "unload", Sh.join("kldunload", d.name())));
        }
        if (Boolean.TRUE.equals(d.persist())) {
            SysrcChanges.addWords(SysrcChanges.RC_CONF, cur.kldList(), List.of(d.name())).ifPresent(changes::add);
        } else if (Boolean.FALSE.equals(d.persist())) {
            SysrcChanges.removeWords(SysrcChanges.RC_CONF, cur.kldList(), List.of(d.name())).ifPresent(changes::add);
        }
        return Plan.of(changes);
    }

    private static Change kernelChange(Desired d, String verb, String command) {
        String label = "kernel module " + d.name();
        return new Change(verb + " " + label, new Diff(label, "loaded: " + !d.present() + "\n",
                "loaded: " + d.present() + "\n"), List.of(command));
    }

    @Override
    protected String verify(ModuleContext ctx, Desired d) throws Exception {
        Current now = parse(d, ctx.exec(readScript(d)));
        if (now.error() != null) {
            return "could not check " + d.name() + " after the change: " + now.error();
        }
        if (d.present() != now.kld().loaded()) {
            return "kernel module " + d.name() + " is " + (d.present() ? "not loaded" : "still loaded")
                    + " after " + (d.present() ? "kldload" : "kldunload") + " exited 0";
        }
        return null;
    }

    @Override
    protected Object describe(Current cur) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", cur.name());
        if (cur.kld() != null) {
            KldState k = cur.kld();
            m.put("loaded", k.loaded());
            m.put("in_kernel", k.inKernel());
            m.put("file", k.file().map(KldState.KldFile::fileName).orElse(null));
            m.put("refs", k.file().map(KldState.KldFile::refs).orElse(null));
            m.put("in_kld_list", cur.kldList().words().contains(cur.name()));
        }
        return m;
    }

    @Override
    protected Object describeAfter(Current cur, Desired d, Plan plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("loaded", d.present());
        m.put("in_kld_list", d.persist() == null ? cur.kldList().words().contains(d.name()) : d.persist());
        return m;
    }
}
