package org.drover.playbook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drover.module.ArgSpec;
import org.drover.module.Args;
import org.drover.module.ModuleSpec;
import org.drover.text.Suggest;
import org.drover.yaml.SourceMark;
import org.drover.yaml.Yaml;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads the module a task runs and its arguments: the module's value (a mapping, a {@code k=v} string or the
 * free-form string), the task's {@code args:}, the {@code action:}/{@code local_action:} forms and {@code meta:};
 * then checks the arguments against the module's {@link ModuleSpec}, each problem pointing where it was written.
 */
final class ModuleCall {
    /** Modules whose free form is a command line: a {@code k=v} there is part of it (Ansible's check_raw). */
    static final Set<String> COMMANDS = Set.of("command", "shell", "raw");
    static final List<String> META_ACTIONS = List.of("flush_handlers", "noop", "end_play", "end_batch", "end_host");

    private static final Pattern ARG_IN_MESSAGE = Pattern.compile("argument '([^']+)'");
    private static final Pattern DID_YOU_MEAN = Pattern.compile("did you mean '([^']+)'");
    private static final Pattern NEEDS_ARG = Pattern.compile("needs argument '([^']+)'");

    /** The module a task runs, its raw arguments, and whether it was written as {@code local_action}. */
    /** @param written the module's name as written, when it is an alias of {@code module}; else null */
    record Call(String module, Map<String, Object> args, boolean localAction, String written) {}

    /** The call being read: where the module and its arguments were written, to point errors at them. */
    private static final class Draft {
        String module;
        Node moduleKey;
        /** The module's value still to be parsed as arguments, or null when already taken apart. */
        Node argsNode;
        final Map<String, Object> raw = new LinkedHashMap<>();
        /** Per argument: the node of its key and of its value. */
        final Map<String, Node[]> argNodes = new LinkedHashMap<>();
        boolean parsed = true;

        void put(Yaml.Entry a) {
            raw.put(a.key(), Yaml.toValue(a.value()));
            argNodes.put(a.key(), new Node[] {a.keyNode(), a.value()});
        }
    }

    private final Loading loading;

    ModuleCall(Loading loading) {
        this.loading = loading;
    }

    /** @return null when the task cannot be built (the error is recorded) */
    Call read(Yaml.Entry moduleEntry, Yaml.Entry argsKeyword) {
        Draft d = new Draft();
        d.module = moduleEntry.key();
        d.moduleKey = moduleEntry.keyNode();
        d.argsNode = moduleEntry.value();
        if (argsKeyword != null) {
            Map<String, Yaml.Entry> ae = loading.problems.entries(argsKeyword.value(), "'args'");
            if (ae != null) {
                ae.values().forEach(d::put);
            }
        }
        boolean localAction = d.module.equals("local_action");
        if (localAction || d.module.equals("action")) {
            String what = d.module;
            boolean ok = Yaml.isMapping(d.argsNode) ? actionMapping(d, what) : actionString(d, what);
            if (!ok) {
                return null;
            }
        }
        if (d.module.equals("meta") && !loading.modules.containsKey("meta")) {
            meta(d);
        } else {
            bind(d);
        }
        ModuleSpec spec = loading.modules.get(d.module);
        // an alias (ansible.builtin.copy) runs as the module itself: the engine and reports know one name
        String module = spec == null ? d.module : spec.name();
        return new Call(module, d.raw, localAction, module.equals(d.module) ? null : d.module);
    }

    /** {@code action: {module: x, arg: ...}}. */
    private boolean actionMapping(Draft d, String what) {
        Map<String, Yaml.Entry> ae = loading.problems.entries(d.argsNode, "'" + what + "'");
        if (ae == null) {
            return false;
        }
        Yaml.Entry m = ae.get("module");
        if (m == null) {
            loading.problems.error(Yaml.mark(d.argsNode), "'" + what + "' needs 'module:'");
            return false;
        }
        d.module = loading.values.scalar(m, "module");
        d.moduleKey = m.value();
        if (d.module == null || !knownModule(d.module, m.value())) {
            return false;
        }
        for (Yaml.Entry a : ae.values()) {
            if (a != m) {
                d.put(a);
            }
        }
        d.argsNode = null;
        return true;
    }

    /** {@code action: module k=v ...}: the first word names the module. */
    private boolean actionString(Draft d, String what) {
        Node at = d.argsNode;
        String text = Yaml.isScalar(at) && !Yaml.isNull(at) ? ((ScalarNode) at).getValue().strip() : "";
        if (text.isEmpty()) {
            loading.problems.error(Yaml.mark(at), "'" + what + "' must name a module and its arguments, e.g. '"
                    + what + ": command ls'");
            return false;
        }
        String[] parts = text.split("\\s+", 2);
        d.module = parts[0];
        d.moduleKey = at;
        if (!knownModule(d.module, at)) {
            return false;
        }
        String rest = parts.length > 1 ? parts[1] : "";
        if (!d.module.equals("meta")) {
            d.parsed = freeOrKv(loading.modules.get(d.module), rest, at, d);
            d.argsNode = null;
        } else {
            d.argsNode = new ScalarNode(Tag.STR, true, rest, ScalarStyle.PLAIN, at.getStartMark(), at.getEndMark());
        }
        return true;
    }

    /** {@code meta: flush_handlers} and the other actions drover runs itself. */
    private void meta(Draft d) {
        String action = d.argsNode == null ? null
                : loading.values.scalar(new Yaml.Entry("meta", d.moduleKey, d.argsNode), "meta");
        if (action == null) {
            loading.problems.error(Yaml.mark(d.moduleKey), "meta needs an action, one of " + META_ACTIONS);
        } else if (!META_ACTIONS.contains(action.strip())) {
            loading.problems.error(Yaml.mark(d.argsNode), "meta: '" + action + "' is not supported; use one of "
                    + META_ACTIONS + Suggest.didYouMean(action.strip(), META_ACTIONS));
        }
        d.raw.clear();
        if (action != null) {
            d.raw.put("_raw", action.strip());
        }
    }

    /** Parses what is left of the module's value and checks every argument against the module's spec. */
    private void bind(Draft d) {
        ModuleSpec spec = loading.modules.get(d.module);
        if (d.argsNode != null) {
            d.parsed = moduleArgs(spec, d);
        }
        List<String> msgs = new ArrayList<>();
        if (d.parsed) {
            Args.bind(spec, d.raw, true, msgs);
        }
        Set<String> suggested = new LinkedHashSet<>();
        for (String m : msgs) {
            Matcher dym = DID_YOU_MEAN.matcher(m);
            if (m.contains("has no argument") && dym.find()) {
                suggested.add(dym.group(1));
            }
        }
        for (String m : msgs) {
            Matcher needs = NEEDS_ARG.matcher(m);
            if (needs.find() && (given(spec, needs.group(1), d.raw) || suggested.contains(needs.group(1)))) {
                continue; // given but invalid, or misspelt: that error is already reported where it was written
            }
            loading.problems.error(argMark(spec, m, d), m);
        }
    }

    private static boolean given(ModuleSpec spec, String arg, Map<String, Object> raw) {
        return raw.keySet().stream()
                .anyMatch(k -> k.equals(arg) || spec.arg(k).map(a -> a.name().equals(arg)).orElse(false));
    }

    private boolean knownModule(String module, Node at) {
        if (loading.modules.containsKey(module) || module.equals("meta")) {
            return true;
        }
        loading.problems.error(Yaml.mark(at), "unknown module '" + module + "'"
                + Suggest.didYouMean(module, loading.modules.keySet()));
        return false;
    }

    /** A module's value: a mapping of arguments, a {@code k=v} string, or the free-form string. */
    private boolean moduleArgs(ModuleSpec spec, Draft d) {
        Node argsNode = d.argsNode;
        if (Yaml.isNull(argsNode)) {
            return true;
        }
        if (Yaml.isMapping(argsNode)) {
            Map<String, Yaml.Entry> ae = loading.problems.entries(argsNode, "the arguments of '" + spec.name() + "'");
            if (ae != null) {
                ae.values().forEach(d::put);
            }
            return ae != null;
        }
        if (Yaml.isSequence(argsNode)) {
            loading.problems.error(Yaml.mark(argsNode), "the arguments of '" + spec.name() + "' must be a mapping"
                    + " (key: value)" + (spec.freeForm() != null ? " or a string" : " or a 'key=value' string")
                    + ", got a list");
            return false;
        }
        return freeOrKv(spec, ((ScalarNode) argsNode).getValue(), argsNode, d);
    }

    /** @return false when the string could not be parsed (the error is recorded) */
    private boolean freeOrKv(ModuleSpec spec, String text, Node at, Draft d) {
        try {
            Map<String, Object> parsed = spec.freeForm() != null
                    ? KeyValue.parseFreeForm(text, spec.freeForm(), argNames(spec), COMMANDS.contains(spec.name()))
                    : KeyValue.parse(text);
            for (Map.Entry<String, Object> e : parsed.entrySet()) {
                d.raw.put(e.getKey(), e.getValue());
                d.argNodes.put(e.getKey(), new Node[] {at, at});
            }
            return true;
        } catch (KeyValue.KeyValueException e) {
            loading.problems.error(Yaml.mark(at), "arguments of '" + spec.name() + "': " + e.getMessage());
            return false;
        }
    }

    /** The names and aliases of a module's arguments (not the catch-all {@code *}). */
    private static Set<String> argNames(ModuleSpec spec) {
        Set<String> known = new LinkedHashSet<>();
        for (ArgSpec a : spec.args()) {
            if (!a.name().equals("*")) {
                known.add(a.name());
                known.addAll(a.aliases());
            }
        }
        return known;
    }

    /** Where an argument error points: the argument's key (unknown), its value (bad value), or the module key. */
    private static SourceMark argMark(ModuleSpec spec, String message, Draft d) {
        Matcher m = ARG_IN_MESSAGE.matcher(message);
        if (m.find() && !message.contains("needs argument")) {
            String arg = m.group(1);
            boolean unknown = message.contains("has no argument");
            for (Map.Entry<String, Node[]> e : d.argNodes.entrySet()) {
                boolean same = e.getKey().equals(arg)
                        || spec.arg(e.getKey()).map(a -> a.name().equals(arg)).orElse(false);
                if (same) {
                    return Yaml.mark(unknown ? e.getValue()[0] : e.getValue()[1]);
                }
            }
        }
        return Yaml.mark(d.moduleKey);
    }
}
