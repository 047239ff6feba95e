package org.drover.playbook;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.drover.module.Module;
import org.drover.module.ModuleRegistry;
import org.drover.module.ModuleSpec;
import org.drover.yaml.LoadException;

/**
 * Loads playbooks into the immutable model and validates them before anything connects: keywords, modules and
 * their arguments (through each module's {@link ModuleSpec}), conditions, loops, handlers, includes and roles.
 * Every problem of every file is collected and thrown together as one {@link LoadException}, each pointing at
 * the offending key or value as {@code file:line:column}.
 *
 * <p>Includes ({@code import_tasks}, {@code include_tasks}, {@code import_playbook}) and roles are resolved here,
 * at load time, relative to the including file; they become {@link Block}s (or inlined plays), so the engine
 * only ever sees one tree.
 *
 * <p>Each kind of node has its reader ({@link PlayReader}, {@link TaskLists} for blocks and includes,
 * {@link RoleReader}, {@link TaskReader}, {@link ModuleCall}) and its table of {@link Keywords}.
 */
public final class PlaybookLoader {
    private final Map<String, ModuleSpec> modules;

    public PlaybookLoader(Collection<ModuleSpec> specs) {
        Map<String, ModuleSpec> m = new TreeMap<>();
        for (ModuleSpec s : specs) {
            ModuleRegistry.names(s).forEach(n -> m.put(n, s));
        }
        this.modules = m;
    }

    public static PlaybookLoader of(ModuleRegistry registry) {
        return new PlaybookLoader(registry.all().stream().map(Module::spec).toList());
    }

    /** Loads one playbook; throws a {@link LoadException} holding every problem found. */
    public Playbook load(Path file) {
        return loadAll(List.of(file)).get(0);
    }

    /**
     * Loads a playbook given as text, as if it were file (its directory is the base of relative paths): an ad-hoc
     * command's one-task play.
     */
    public Playbook loadText(Path file, String text) {
        Loading loading = new Loading(modules);
        loading.problems.inline(file, text);
        Playbook pb = new Playbook(file, loading.plays.playbook(file, null));
        if (!loading.problems.all().isEmpty()) {
            throw new LoadException(loading.problems.all());
        }
        return pb;
    }

    /** Loads several playbooks; problems of all of them are thrown together. */
    public List<Playbook> loadAll(List<Path> files) {
        Loading loading = new Loading(modules);
        List<Playbook> out = new ArrayList<>();
        for (Path f : files) {
            out.add(new Playbook(f, loading.plays.playbook(f, null)));
        }
        if (!loading.problems.all().isEmpty()) {
            throw new LoadException(loading.problems.all());
        }
        return out;
    }
}
