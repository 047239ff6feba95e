package org.drover.playbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;
import org.drover.text.Suggest;
import org.drover.yaml.Yaml;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads one task: finds the module among its keys (anything that is not a task keyword), reads the module and its
 * arguments ({@link ModuleCall}), then the task keywords. The task is built even when some keyword is wrong, so
 * later checks (notify) still see it.
 */
final class TaskReader {

    /** What a task keyword's reader needs: the value readers, whether this is a handler, and how it was called. */
    record In(Values v, boolean handlers, boolean localAction) {}

    /** The handlers a task notifies, and where each was written. */
    record Notify(List<String> names, List<Node> at) {}

    static final Keywords<In> TASK = new Keywords<In>()
            .value("name", (in, e) -> in.v().taskName(e))
            .value("when", (in, e) -> in.v().conditions(e, "when"))
            .group("loop", (in, es) -> in.v().loop(es))
            .part("with_items")
            .part("with_list")
            .part("with_dict")
            .part("with_indexed_items")
            .part("with_sequence")
            .part("with_together")
            .part("with_nested")
            .value("loop_control", (in, e) -> loopControl(in.v(), e))
            .value("register", (in, e) -> in.v().variableName(e, "register", "a variable name (letters, digits, _)"))
            .value("notify", (in, e) -> notify(in.v(), e))
            .value("listen", (in, e) -> in.handlers() ? new ArrayList<>(in.v().stringOrList(e, "listen"))
                    : new ArrayList<String>())
            .value("tags", (in, e) -> in.v().tags(e))
            .value("ignore_errors", (in, e) -> in.v().flag(e, "ignore_errors"))
            .value("changed_when", (in, e) -> in.v().conditions(e, "changed_when"))
            .value("failed_when", (in, e) -> in.v().conditions(e, "failed_when"))
            .value("check_mode", (in, e) -> in.v().bool(e, "check_mode"))
            .value("diff", (in, e) -> in.v().bool(e, "diff"))
            .group("become", (in, es) -> in.v().become(es))
            .part("become_user")
            .part("become_method")
            .value("vars", (in, e) -> in.v().mapping(e))
            .value("retries", (in, e) -> in.v().integer(e, "retries", 0, Integer.MAX_VALUE))
            .value("until", (in, e) -> in.v().conditions(e, "until"))
            .value("delay", (in, e) -> in.v().integer(e, "delay", 0, Integer.MAX_VALUE))
            .value("run_once", (in, e) -> in.v().bool(e, "run_once"))
            .value("delegate_to", TaskReader::delegateTo)
            .value("no_log", (in, e) -> in.v().bool(e, "no_log"))
            .value("timeout", (in, e) -> in.v().integer(e, "timeout", 1, Integer.MAX_VALUE))
            .value("environment", (in, e) -> in.v().environment(e))
            .value("jail", (in, e) -> JailKeyword.read(in.v(), e))
            .part("args");

    static final Keywords<Values> LOOP_CONTROL = new Keywords<Values>()
            .value("loop_var", (v, e) -> v.variableName(e, "loop_var", "a variable name"))
            .value("index_var", (v, e) -> v.variableName(e, "index_var", "a variable name"))
            .value("label", (v, e) -> v.scalar(e, "label"))
            .value("pause", (v, e) -> v.seconds(e, "pause"))
            .value("extended", (v, e) -> v.bool(e, "extended"))
            .value("extended_allitems", (v, e) -> v.bool(e, "extended_allitems"));

    private final Loading loading;
    private final ModuleCall moduleCall;

    TaskReader(Loading loading) {
        this.loading = loading;
        this.moduleCall = new ModuleCall(loading);
    }

    /** @return the task, or null when it has no (known) module */
    Task task(Node item, Map<String, Yaml.Entry> es, TaskLists.Ctx ctx) {
        boolean jailModule = jailIsTheModule(es);
        Yaml.Entry moduleEntry = moduleEntry(item, es, ctx.handlers(), jailModule);
        if (moduleEntry == null) {
            return null;
        }
        if (jailModule) {
            es = new java.util.LinkedHashMap<>(es);
            es.remove("jail");
        }
        ModuleCall.Call call = moduleCall.read(moduleEntry, es.get("args"));
        if (call == null) {
            return null;
        }
        Keywords.Fields f = TASK.read(new In(loading.values, ctx.handlers(), call.localAction()), es);
        String name = f.get("name");
        List<String> listen = f.get("listen");
        if (ctx.handlers() && ctx.role() != null && name != null) {
            listen.add(ctx.role() + " : " + name); // Ansible's qualified handler name
        }
        Notify notify = f.get("notify");
        Task t = new Task(name, call.module(), call.args(), f.get("when"), f.get("loop"), f.get("loop_control"),
                f.get("register"), notify.names(), listen, f.get("tags"), f.get("ignore_errors"),
                f.get("changed_when"), f.get("failed_when"), f.get("check_mode"), f.get("diff"), f.get("become"),
                JailKeyword.withJail(f.get("vars"), f.get("jail")), f.get("retries"), f.get("until"), f.get("delay"),
                f.isTrue("run_once"), f.get("delegate_to"), f.isTrue("no_log"), f.get("timeout"), f.get("environment"), Yaml.mark(item),
                call.written());
        if (!notify.at().isEmpty()) {
            loading.notifyNodes.put(t, notify.at());
        }
        if (es.containsKey("name")) {
            loading.taskNameNodes.put(t, es.get("name").value());
        }
        return t;
    }

    /**
     * {@code jail:} is both a module and the keyword that runs a task in a jail: it is the keyword when the task
     * names another module, else the module.
     */
    private boolean jailIsTheModule(Map<String, Yaml.Entry> es) {
        return es.containsKey("jail") && loading.modules.containsKey("jail")
                && es.keySet().stream().noneMatch(k -> !k.equals("jail") && isModuleKey(k));
    }

    private boolean isModuleKey(String k) {
        return loading.modules.containsKey(k) || k.equals("meta") || k.equals("action") || k.equals("local_action");
    }

    /**
     * The key naming the task's module ({@code meta}, {@code action} and {@code local_action} included); every
     * other key must be a task keyword. Null when there is none, after reporting why.
     */
    private Yaml.Entry moduleEntry(Node item, Map<String, Yaml.Entry> es, boolean handlers, boolean jailModule) {
        Yaml.Entry moduleEntry = null;
        List<Yaml.Entry> unknown = new ArrayList<>();
        for (Yaml.Entry e : es.values()) {
            if (TASK.allows(e.key()) && !(jailModule && e.key().equals("jail"))) {
                if (e.key().equals("listen") && !handlers) {
                    loading.problems.error(Yaml.mark(e.keyNode()), "'listen' is only for handlers");
                }
                continue;
            }
            if (!isModuleKey(e.key())) {
                unknown.add(e);
            } else if (moduleEntry != null) {
                loading.problems.error(Yaml.mark(e.keyNode()), "a task runs one module: found '" + moduleEntry.key()
                        + "' and '" + e.key() + "'");
            } else {
                moduleEntry = e;
            }
        }
        List<String> keywords = handlers ? TASK.keys() : TASK.keys().stream().filter(k -> !k.equals("listen")).toList();
        for (Yaml.Entry u : unknown) {
            unknownKey(u, keywords, moduleEntry);
        }
        if (moduleEntry == null && unknown.isEmpty()) {
            loading.problems.error(Yaml.mark(item), "a task needs a module, e.g. 'command: ls' ('drover doc' lists"
                    + " the modules)");
        }
        return moduleEntry;
    }

    /** A key that is neither a task keyword nor a module: the closest keyword or module, if any, is suggested. */
    private void unknownKey(Yaml.Entry u, List<String> keywords, Yaml.Entry moduleEntry) {
        String k = u.key();
        String kw = Suggest.didYouMean(k, keywords);
        String mod = Suggest.didYouMean(k, loading.modules.keySet());
        Problems p = loading.problems;
        String shortName = k.replaceFirst("^(ansible\\.builtin|ansible\\.posix|community\\.general)\\.", "");
        if (Problems.isUnsupported(k)) {
            p.unsupported(u);
        } else if (!shortName.equals(k) && loading.modules.containsKey(shortName)) {
            p.error(Yaml.mark(u.keyNode()), "unknown module '" + k + "': " + notAnsibles(shortName));
        } else if (!kw.isEmpty() && (moduleEntry != null || mod.isEmpty())) {
            p.error(Yaml.mark(u.keyNode()), "unknown task keyword '" + k + "'" + kw);
        } else if (!mod.isEmpty()) {
            p.error(Yaml.mark(u.keyNode()), "unknown module '" + k + "'" + mod);
        } else if (moduleEntry != null) {
            p.error(Yaml.mark(u.keyNode()), "unknown task keyword '" + k + "' (this task already runs '"
                    + moduleEntry.key() + "')");
        } else {
            p.error(Yaml.mark(u.keyNode()), "unknown module '" + k + "' ('drover doc' lists the modules)");
        }
    }

    /**
     * Why drover's module SHORT does not answer to the Ansible name asked for: Ansible has no such module, or it
     * lives in another collection, or (no alias at all where Ansible has one) its arguments differ.
     */
    private String notAnsibles(String shortName) {
        List<String> aliases = loading.modules.get(shortName).aliases();
        String write = "write '" + shortName + ":' and check its arguments with 'drover doc " + shortName + "'";
        if (!aliases.isEmpty()) {
            return "drover's '" + shortName + "' answers to " + String.join(", ", aliases) + " (Ansible's names for"
                    + " it), not to this one; write one of those, or '" + shortName + ":'";
        }
        if (DROVER_ONLY.contains(shortName)) {
            return "Ansible has no module of that name: '" + shortName + "' is drover's own; " + write;
        }
        return "drover's '" + shortName + "' does not take Ansible's arguments exactly, so it does not answer to"
                + " that name; " + write;
    }

    /** drover's modules that have no counterpart in Ansible's collections. */
    private static final Set<String> DROVER_ONLY = Set.of("bridge", "epair", "jail", "kld", "pf", "pkg",
            "zfs_clone");

    private static LoopControl loopControl(Values v, Yaml.Entry e) {
        if (e == null || Yaml.isNull(e.value())) {
            return LoopControl.DEFAULT;
        }
        Map<String, Yaml.Entry> es = v.problems().entries(e.value(), "'loop_control'");
        if (es == null) {
            return LoopControl.DEFAULT;
        }
        v.problems().unknownKeys(es, LOOP_CONTROL.keys(), "loop_control");
        Keywords.Fields f = LOOP_CONTROL.read(v, es);
        String var = f.get("loop_var");
        Double pause = f.get("pause");
        Boolean all = f.get("extended_allitems");
        return new LoopControl(var == null ? "item" : var, f.get("index_var"), f.get("label"),
                pause == null ? 0 : pause, f.isTrue("extended"), all == null || all);
    }

    private static Notify notify(Values v, Yaml.Entry e) {
        List<String> names = new ArrayList<>();
        List<Node> at = new ArrayList<>();
        if (e == null || Yaml.isNull(e.value())) {
            return new Notify(names, at);
        }
        List<Node> ns = Yaml.isSequence(e.value()) ? ((SequenceNode) e.value()).getValue() : List.of(e.value());
        for (Node n : ns) {
            if (!Yaml.isScalar(n) || Yaml.isNull(n)) {
                v.problems().error(Yaml.mark(n), "'notify' must name handlers (a name or a list of names), got "
                        + Yaml.describe(n));
            } else {
                names.add(((ScalarNode) n).getValue());
                at.add(n);
            }
        }
        return new Notify(names, at);
    }

    /** A host of the inventory or {@code localhost}; {@code local_action} already delegates there. */
    private static String delegateTo(In in, Yaml.Entry e) {
        String localAction = in.localAction() ? "localhost" : null;
        if (e == null) {
            return localAction;
        }
        String to = in.v().scalar(e, "delegate_to");
        if (localAction != null) {
            in.v().problems().error(Yaml.mark(e.keyNode()), "'delegate_to' cannot be combined with 'local_action'");
            return localAction;
        }
        // a host name is checked against the inventory before the run (engine.Delegation)
        return to == null ? null : to.strip();
    }
}
