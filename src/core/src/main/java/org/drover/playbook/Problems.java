package org.drover.playbook;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.drover.text.Suggest;
import org.drover.yaml.LoadError;
import org.drover.yaml.LoadException;
import org.drover.yaml.SourceMark;
import org.drover.yaml.Yaml;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The problems found while loading, in the order they were found, and the YAML accessors that record a problem
 * instead of throwing: loading goes on after an error so that every problem of every file is reported at once.
 */
final class Problems {
    /** Ansible keywords drover knows but does not support, with what to do instead. */
    static final Map<String, String> UNSUPPORTED = Map.ofEntries(
            Map.entry("remote_user", "use -u, or drover_user/ansible_user in the inventory"),
            Map.entry("connection", "drover always connects over SSH; 'delegate_to: localhost' runs a task locally"),
            Map.entry("vars_prompt", "pass values with -e"),
            Map.entry("include", "use import_tasks or include_tasks"),
            Map.entry("with_fileglob", "list the files with loop:"),
            Map.entry("with_subelements", "use loop: over the outer list and a nested task file, or list the pairs"),
            Map.entry("with_first_found", "name the file itself, or choose it with a 'when:' per candidate"),
            Map.entry("with_flattened", "use loop: \"{{ mylist | flatten }}\""),
            Map.entry("with_random_choice", "use loop: \"{{ [mylist | random] }}\""),
            Map.entry("with_inventory_hostnames", "use loop: \"{{ groups['mygroup'] }}\""),
            Map.entry("loop_with", "use loop:"),
            Map.entry("async", "drover runs every task to its end; use timeout: for a deadline"),
            Map.entry("poll", "drover runs every task to its end; use timeout: for a deadline"),
            Map.entry("throttle", "use serial: or --forks"),
            Map.entry("collections", "drover's modules need no collection"),
            Map.entry("module_defaults", "give the arguments on each task"),
            Map.entry("vars_prompt_once", "pass values with -e"),
            Map.entry("ignore_unreachable", "unreachable hosts always leave the play"),
            Map.entry("order", "hosts run in inventory order"),
            Map.entry("debugger", "there is no task debugger"),
            Map.entry("delegate_facts", "facts of a delegated task stay on the delegating host; set them in a play"
                    + " that targets the delegated host"));

    private final List<LoadError> errors = new ArrayList<>();

    List<LoadError> all() {
        return errors;
    }

    void error(SourceMark mark, String message) {
        errors.add(new LoadError(mark, message));
    }

    /** Reports every key of {@code es} that is not in {@code allowed}. */
    void unknownKeys(Map<String, Yaml.Entry> es, List<String> allowed, String where) {
        for (Yaml.Entry e : es.values()) {
            if (!allowed.contains(e.key())) {
                unknownKey(e, allowed, where);
            }
        }
    }

    /** An unsupported Ansible keyword with its alternative, else an unknown one with the closest allowed key. */
    void unknownKey(Yaml.Entry e, List<String> allowed, String where) {
        if (isUnsupported(e.key())) {
            unsupported(e);
        } else {
            error(Yaml.mark(e.keyNode()), "unknown " + where + " keyword '" + e.key() + "'"
                    + Suggest.didYouMean(e.key(), allowed));
        }
    }

    /** Whether {@code key} is an Ansible keyword drover refuses with an alternative (any other {@code with_X}). */
    static boolean isUnsupported(String key) {
        return UNSUPPORTED.containsKey(key) || key.startsWith("with_") && key.length() > 5;
    }

    void unsupported(Yaml.Entry e) {
        String instead = UNSUPPORTED.getOrDefault(e.key(), "use loop: with a list, or a filter that builds one");
        error(Yaml.mark(e.keyNode()), "'" + e.key() + "' is not supported by drover: " + instead);
    }

    /** Playbooks given as text (an ad-hoc command's), by the path they stand for. */
    private final Map<Path, String> inline = new java.util.HashMap<>();

    void inline(Path file, String text) {
        inline.put(file, text);
    }

    /** Files read in one load (includes and roles counted each time they are read): a diamond of includes. */
    static final int MAX_FILES = 1_000;
    private int files;

    /** Composes a file; null after recording the error. A missing file is reported at the line that named it. */
    Optional<Node> compose(Path file, Node namedBy) {
        if (++files > MAX_FILES) {
            if (files == MAX_FILES + 1) {
                error(namedBy == null ? new SourceMark(file.toString(), 0, 0) : Yaml.mark(namedBy), "more than "
                        + MAX_FILES + " files read through includes and roles (each import counts): not loaded");
            }
            return null;
        }
        try {
            String text = inline.get(file);
            Optional<Node> root = text != null ? Yaml.compose(text, file.toString()) : Yaml.compose(file);
            root.ifPresent(r -> TemplateScan.scan(r, file, this));
            return root;
        } catch (LoadException e) {
            if (namedBy != null && e.errors().size() == 1 && e.errors().get(0).mark().line() == 0) {
                error(Yaml.mark(namedBy), file + ": " + e.errors().get(0).message());
            } else {
                errors.addAll(e.errors());
            }
            return null;
        }
    }

    /** A mapping's entries by key, in order; null after recording the error when the node is no mapping. */
    Map<String, Yaml.Entry> entries(Node node, String what) {
        try {
            Map<String, Yaml.Entry> out = new LinkedHashMap<>();
            for (Yaml.Entry e : Yaml.entries(node, what)) {
                out.put(e.key(), e);
            }
            return out;
        } catch (LoadException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    /** A sequence's items; null after recording the error when the node is no sequence. */
    List<Node> items(Node node, String what) {
        try {
            return Yaml.items(node, what);
        } catch (LoadException e) {
            errors.addAll(e.errors());
            return null;
        }
    }
}
