package org.drover.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.drover.inventory.Group;
import org.drover.inventory.Host;
import org.drover.inventory.Inventory;
import org.drover.inventory.InventoryLoader;
import org.drover.text.JsonText;
import org.drover.yaml.LoadError;
import org.drover.yaml.LoadException;
import picocli.CommandLine.ArgGroup;
import org.drover.vault.Vault;
import org.drover.vault.VaultException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drover inventory}: shows what an inventory resolves to, in ansible-inventory's shapes. */
@Command(name = "inventory", mixinStandardHelpOptions = true,
        description = "Show an inventory: hosts, groups and each host's merged variables.",
        footer = {"", "Examples:", "  drover inventory -i inventory/lab.ini --graph",
                "  drover inventory -i inventory/lab.yml --list",
                "  drover inventory -i inventory/ --host lab01"})
public final class InventoryCommand implements Callable<Integer> {
    @Mixin
    VaultOptions vaultOptions = new VaultOptions();

    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--inventory"}, required = true, paramLabel = "SOURCE",
            description = "Inventory file (YAML or INI) or directory; repeat to merge several.")
    List<Path> sources = new ArrayList<>();

    @Option(names = "--playbook-dir", paramLabel = "DIR",
            description = "Also apply group_vars/ and host_vars/ found in this directory.")
    Path playbookDir;

    @ArgGroup(multiplicity = "1")
    Action action;

    static final class Action {
        @Option(names = "--list", description = "All groups and hosts as JSON (the shape of ansible-inventory --list).")
        boolean list;

        @Option(names = "--graph", description = "The group tree; with a group name, only that branch.")
        boolean graph;

        @Option(names = "--host", paramLabel = "HOST", description = "One host's merged variables as JSON.")
        String host;
    }

    @Parameters(arity = "0..1", paramLabel = "GROUP", description = "With --graph: the group to start from (default all).")
    String graphRoot;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Vault.use(vaultOptions.vault());
        } catch (IOException | VaultException e) {
            err.println("drover inventory: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        Inventory inv;
        try {
            inv = InventoryLoader.load(sources, playbookDir == null ? List.of() : List.of(playbookDir));
        } catch (LoadException e) {
            err.println(e.getMessage()); // every error, the first 100 of them
            return ExitCodes.BAD_INPUT;
        }
        if (action.host != null) {
            var h = inv.host(action.host);
            if (h.isEmpty()) {
                err.println("drover: host '" + action.host + "' is not in the inventory");
                return ExitCodes.BAD_INPUT;
            }
            out.println(json(h.get().vars()));
        } else if (action.list) {
            out.println(json(list(inv)));
        } else {
            String root = graphRoot == null ? "all" : graphRoot;
            if (!inv.groups().containsKey(root)) {
                err.println("drover: group '" + root + "' is not in the inventory");
                return ExitCodes.BAD_INPUT;
            }
            graph(inv, root, 0, out);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** ansible-inventory --list: groups with direct hosts and children, merged vars under _meta.hostvars. */
    static Map<String, Object> list(Inventory inv) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> hostvars = new LinkedHashMap<>();
        for (Host h : inv.hosts()) {
            hostvars.put(h.name(), h.vars());
        }
        out.put("_meta", Map.of("hostvars", hostvars));
        for (Group g : inv.groups().values()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            if (!g.hosts().isEmpty()) {
                entry.put("hosts", g.hosts());
            }
            List<String> children = new ArrayList<>(g.children());
            if (g.name().equals("all")) {
                // ansible-inventory lists ungrouped first
                children.remove("ungrouped");
                children.add(0, "ungrouped");
            }
            if (!children.isEmpty()) {
                entry.put("children", children);
            }
            if (!entry.isEmpty() || g.name().equals("all")) {
                out.put(g.name(), entry);
            }
        }
        return out;
    }

    private static void graph(Inventory inv, String group, int depth, PrintWriter out) {
        String pad = "  |".repeat(depth);
        out.println((depth == 0 ? "" : pad + "--") + "@" + group + ":");
        Group g = inv.groups().get(group);
        List<String> children = new ArrayList<>(g.children());
        if (group.equals("all")) {
            children.remove("ungrouped");
            children.add(0, "ungrouped");
        }
        for (String c : children) {
            graph(inv, c, depth + 1, out);
        }
        for (String h : g.hosts()) {
            out.println("  |".repeat(depth + 1) + "--" + h);
        }
    }

    /** JSON as Python's json.dumps(indent=4) prints it, so output diffs cleanly against ansible-inventory's. */
    static String json(Object value) {
        return JsonText.pretty(value);
    }
}
