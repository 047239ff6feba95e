package org.drover.playbook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.drover.module.ModuleSpec;
import org.drover.yaml.Yaml;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * One run of the loader: the problems found so far, the files being loaded (to catch include loops), what later
 * checks need to point back at the text, and the readers of each kind of node, which call one another.
 */
final class Loading {
    final Map<String, ModuleSpec> modules;
    final Problems problems = new Problems();
    final Values values = new Values(problems);
    final PlayReader plays = new PlayReader(this);
    final TaskLists taskLists = new TaskLists(this);
    final RoleReader roles = new RoleReader(this);
    final TaskReader tasks = new TaskReader(this);
    /** Where each task's notify entries were written, to point at an unknown handler. */
    final IdentityHashMap<Task, List<Node>> notifyNodes = new IdentityHashMap<>();
    /** Where each named task's name was written, to point at a handler defined twice. */
    final IdentityHashMap<Task, Node> taskNameNodes = new IdentityHashMap<>();
    /** Files being loaded, outermost first: an include of one of them is a loop. */
    private final Deque<Path> including = new ArrayDeque<>();
    /** Task lists inside one another (blocks, included files, roles), and files, for the limits. */
    static final int MAX_NESTING = 64;
    private int nesting;
    private boolean tooDeepReported;

    Loading(Map<String, ModuleSpec> modules) {
        this.modules = modules;
    }

    /** Runs {@code body} with {@code file} on the stack of files being loaded. */
    <T> T within(Path file, Supplier<T> body) {
        including.push(file.toAbsolutePath().normalize());
        try {
            return body.get();
        } finally {
            including.pop();
        }
    }

    /**
     * Runs {@code body} one task list deeper; past {@link #MAX_NESTING} levels, the first time, an error at
     * {@code at} (the readers recurse once per level, so the depth must stay bounded), and {@code none}.
     */
    <T> T deeper(Node at, T none, Supplier<T> body) {
        if (nesting >= MAX_NESTING || including.size() >= MAX_NESTING) {
            if (!tooDeepReported) {
                tooDeepReported = true;
                problems.error(Yaml.mark(at), "blocks, included files and roles nested deeper than " + MAX_NESTING
                        + " levels: not loaded");
            }
            return none;
        }
        nesting++;
        try {
            return body.get();
        } finally {
            nesting--;
        }
    }

    /** Resolves an include's file name relative to the including file; null (and an error) when it cannot be used. */
    Path includePath(Path from, Node fileNode, String what) {
        if (!Yaml.isScalar(fileNode) || Yaml.isNull(fileNode)) {
            problems.error(Yaml.mark(fileNode), "'" + what + "' must name a file, got " + Yaml.describe(fileNode));
            return null;
        }
        String name = ((ScalarNode) fileNode).getValue();
        if (Values.isTemplated(name)) {
            problems.error(Yaml.mark(fileNode), "'" + what + "' cannot be a template: files are included when the"
                    + " playbook is loaded");
            return null;
        }
        Path target = dirOf(from).resolve(name).normalize();
        if (!Files.isRegularFile(target)) {
            problems.error(Yaml.mark(fileNode), "file not found: " + target);
            return null;
        }
        Path abs = target.toAbsolutePath().normalize();
        if (including.contains(abs)) {
            List<Path> chain = new ArrayList<>(including);
            Collections.reverse(chain);
            String loop = chain.subList(chain.indexOf(abs), chain.size()).stream()
                    .map(p -> p.getFileName().toString()).collect(Collectors.joining(" -> "));
            problems.error(Yaml.mark(fileNode), "import loop: " + loop + " -> " + abs.getFileName());
            return null;
        }
        return target;
    }

    static Path dirOf(Path file) {
        Path p = file.getParent();
        return p == null ? Path.of("") : p;
    }
}
