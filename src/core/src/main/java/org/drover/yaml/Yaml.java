package org.drover.yaml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.drover.vault.Vault;
import org.drover.vault.VaultException;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * YAML with Ansible's (PyYAML's) YAML 1.1 implicit types ({@link Yaml11}: {@code yes/on} are booleans), composed
 * to a node tree that keeps every value's {@code file:line:column}.
 * Loaders walk the nodes so their errors point at the user's text; {@link #toValue} turns a node into plain
 * Java values (LinkedHashMap, List, String, Long, Double, Boolean, null) for variables.
 * Duplicate keys, recursive anchors and tabs are reported as errors, never silently accepted.
 */
public final class Yaml {
    /** Ansible's tag of an encrypted value. */
    private static final Tag VAULT = new Tag("!vault");

    private Yaml() {}

    /** One mapping entry with its key as text and both nodes (for marks). */
    public record Entry(String key, Node keyNode, Node value) {}

    /** Composes a file; empty documents give {@code Optional.empty()}. */
    public static Optional<Node> compose(Path file) {
        String label = file.toString();
        String text = Limits.read(file);
        if (Vault.isVaulted(text)) { // a whole file encrypted with ansible-vault
            try {
                text = Vault.current().decryptString(text);
            } catch (VaultException e) {
                throw new LoadException(new SourceMark(label, 1, 1), e.getMessage());
            }
        }
        return compose(text, label);
    }

    /** Composes text; label names it in errors (usually the file path as the user gave it). */
    public static Optional<Node> compose(String text, String label) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(label)
                .setSchema(Yaml11.SCHEMA)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(Limits.MAX_ALIASES)
                .setCodePointLimit(Limits.MAX_FILE_BYTES + 1)
                .setUseMarks(true)
                // snakeyaml-engine 3 refuses non-scalar keys without a mark; checkTree names them with one.
                .setAllowNonScalarKeys(true)
                .build();
        try {
            String checked = Limits.checked(text, label);
            Parser parser = new DepthLimit(new ParserImpl(settings, new StreamReader(settings, checked)), label);
            Optional<Node> node = new Composer(settings, parser).getSingleNode();
            node.ifPresent(n -> {
                checkTree(n, new IdentityHashMap<>(), Collections.newSetFromMap(new IdentityHashMap<>()));
                Expansion.check(n);
            });
            return node;
        } catch (MarkedYamlEngineException e) {
            Mark m = e.getProblemMark().or(e::getContextMark).orElse(null);
            SourceMark mark = m == null ? new SourceMark(label, 0, 0) : new SourceMark(label, m.getLine() + 1, m.getColumn() + 1);
            throw new LoadException(mark, explain(e, text, m));
        } catch (YamlEngineException e) {
            throw new LoadException(new SourceMark(label, 0, 0), e.getMessage());
        }
    }

    /** Plain Java value of a file's content (null for an empty file). */
    public static Object loadPlain(Path file) {
        return compose(file).map(Yaml::toValue).orElse(null);
    }

    public static SourceMark mark(Node node) {
        return node.getStartMark()
                .map(m -> new SourceMark(m.getName(), m.getLine() + 1, m.getColumn() + 1))
                .orElse(SourceMark.UNKNOWN);
    }

    public static boolean isMapping(Node n) {
        return n instanceof MappingNode;
    }

    public static boolean isSequence(Node n) {
        return n instanceof SequenceNode;
    }

    public static boolean isScalar(Node n) {
        return n instanceof ScalarNode;
    }

    public static boolean isNull(Node n) {
        return n == null || (n instanceof ScalarNode && Tag.NULL.equals(n.getTag()));
    }

    /** The entries of a mapping node, merge keys ({@code <<}) applied; throws when node is not a mapping. */
    public static List<Entry> entries(Node node, String what) {
        if (!(node instanceof MappingNode m)) {
            throw new LoadException(mark(node), what + " must be a mapping (key: value), got " + describe(node));
        }
        Map<String, Entry> out = new LinkedHashMap<>();
        List<Entry> merged = new ArrayList<>();
        for (NodeTuple t : m.getValue()) {
            String key = keyText(t.getKeyNode());
            if (key.equals("<<") && !(t.getKeyNode() instanceof ScalarNode s && s.isPlain() == false)) {
                Node v = t.getValueNode();
                List<Node> sources = v instanceof SequenceNode seq ? seq.getValue() : List.of(v);
                for (Node src : sources) {
                    merged.addAll(entries(src, "a merge source ('<<')"));
                }
                continue;
            }
            out.put(key, new Entry(key, t.getKeyNode(), t.getValueNode()));
        }
        for (Entry e : merged) {
            out.putIfAbsent(e.key(), e);
        }
        return new ArrayList<>(out.values());
    }

    /** The items of a sequence node; throws when node is not a sequence. */
    public static List<Node> items(Node node, String what) {
        if (node instanceof SequenceNode s) {
            return s.getValue();
        }
        throw new LoadException(mark(node), what + " must be a list, got " + describe(node));
    }

    /** The text of a scalar node (any tag); throws when node is not a scalar. */
    public static String text(Node node, String what) {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        throw new LoadException(mark(node), what + " must be a single value, got " + describe(node));
    }

    public static String describe(Node n) {
        if (n instanceof MappingNode) {
            return "a mapping";
        }
        if (n instanceof SequenceNode) {
            return "a list";
        }
        if (isNull(n)) {
            return "nothing (null)";
        }
        return "'" + ((ScalarNode) n).getValue() + "'";
    }

    /** Converts a node to plain Java values, resolving scalars by the Core schema. */
    public static Object toValue(Node node) {
        if (node instanceof ScalarNode s) {
            return VAULT.equals(s.getTag()) ? vaulted(s) : scalar(s);
        }
        if (node instanceof SequenceNode seq) {
            List<Object> list = new ArrayList<>(seq.getValue().size());
            for (Node n : seq.getValue()) {
                list.add(toValue(n));
            }
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Entry e : entries(node, "a value")) {
            map.put(e.key(), toValue(e.value()));
        }
        return map;
    }

    /** An inline {@code !vault |} value: its plaintext, decrypted at load time with the run's vault. */
    private static String vaulted(ScalarNode s) {
        try {
            return Vault.current().decryptString(s.getValue());
        } catch (VaultException e) {
            throw new LoadException(mark(s), e.getMessage());
        }
    }

    private static Object scalar(ScalarNode s) {
        String v = s.getValue();
        Tag tag = s.getTag();
        try {
            if (Tag.NULL.equals(tag)) {
                return null;
            }
            if (Tag.BOOL.equals(tag)) {
                return Yaml11.bool(v);
            }
            if (Tag.INT.equals(tag)) {
                return Yaml11.integer(v);
            }
            if (Tag.FLOAT.equals(tag)) {
                return Yaml11.floating(v);
            }
        } catch (NumberFormatException e) {
            throw new LoadException(mark(s), "'" + v + "' is not a valid " + tag.getValue().replace(Tag.PREFIX, ""));
        }
        return v;
    }

    private static String keyText(Node keyNode) {
        if (keyNode instanceof ScalarNode s) {
            return s.getValue();
        }
        throw new LoadException(mark(keyNode), "a key must be a single value, got " + describe(keyNode));
    }

    /**
     * Rejects duplicate keys and anchors that refer to themselves, anywhere in the tree; a node reached again
     * through an alias is checked once ({@code done}), so an alias bomb costs no more than its text.
     */
    private static void checkTree(Node node, IdentityHashMap<Node, Boolean> path, Set<Node> done) {
        if (node instanceof ScalarNode || done.contains(node)) {
            return;
        }
        if (path.containsKey(node)) {
            String anchor = node.getAnchor().map(Object::toString).orElse("?");
            throw new LoadException(mark(node), "anchor '" + anchor + "' refers to itself (a loop)");
        }
        path.put(node, Boolean.TRUE);
        if (node instanceof SequenceNode seq) {
            for (Node n : seq.getValue()) {
                checkTree(n, path, done);
            }
        } else if (node instanceof MappingNode m) {
            Map<String, Node> seen = new java.util.HashMap<>();
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof MappingNode km && km.getFlowStyle() == FlowStyle.FLOW) {
                    // "msg: {{ x }}" is valid YAML (a flow mapping as a key) but never what the user meant.
                    throw new LoadException(mark(m), "a value that starts with '{{' must be quoted, e.g. \"{{ var }}\"");
                }
                if (t.getKeyNode() instanceof ScalarNode k) {
                    Node first = seen.putIfAbsent(k.getValue(), k);
                    if (first != null && !k.getValue().equals("<<")) {
                        throw new LoadException(mark(k), "duplicate key '" + k.getValue() + "' (first defined at line "
                                + mark(first).line() + ")");
                    }
                }
                checkTree(t.getKeyNode(), path, done);
                checkTree(t.getValueNode(), path, done);
            }
        }
        path.remove(node);
        done.add(node);
    }

    /** snakeyaml's problem text, plus a hint for the mistakes people make most. */
    private static String explain(MarkedYamlEngineException e, String text, Mark m) {
        String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
        String line = m == null ? "" : lineAt(text, m.getLine());
        String hint = "";
        if (problem.contains("'\\t'") || (line.startsWith("\t") || line.matches("^ *\t.*"))) {
            hint = "; YAML indentation must use spaces, not tabs";
        } else if (line.matches(".*:\\s*\\{\\{.*") || line.matches("^\\s*-\\s*\\{\\{.*")) {
            hint = "; a value that starts with '{{' must be quoted, e.g. \"{{ var }}\"";
        } else if (e.getContext() != null && e.getContext().contains("quoted scalar")) {
            hint = "; a quoted string is not closed";
        } else if (problem.startsWith("expected <block end>") || problem.contains("mapping values are not allowed")) {
            hint = "; check the indentation of this line and the one above (and quote values that contain ': ')";
        }
        String context = e.getContext() != null ? " (" + e.getContext() + ")" : "";
        return problem + context + hint;
    }

    private static String lineAt(String text, int zeroBasedLine) {
        String[] lines = text.split("\n", -1);
        return zeroBasedLine >= 0 && zeroBasedLine < lines.length ? lines[zeroBasedLine] : "";
    }
}
