package org.drover.yaml;

import java.util.IdentityHashMap;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The size of a document once its aliases are expanded, as every reader and {@link Yaml#toValue} will see it:
 * nine anchors of nine aliases each are 387 million values from a few lines of text (an alias bomb).
 * Counted per distinct node, so the count itself costs no more than the text.
 */
final class Expansion {
    /** Far past any limit, and small enough that adding two never overflows. */
    private static final long CAP = 1L << 60;
    private final Map<Node, Long> sizes = new IdentityHashMap<>();

    private Expansion() {}

    /**
     * Refuses a tree whose aliases add more than {@link Limits#MAX_NODES} values to those written, pointing at the
     * innermost value too large.
     */
    static void check(Node root) {
        Expansion e = new Expansion();
        if (e.size(root) - e.sizes.size() <= Limits.MAX_NODES) {
            return;
        }
        Node at = root;
        for (Node inner = e.firstTooLarge(at); inner != null; inner = e.firstTooLarge(at)) {
            at = inner;
        }
        throw new LoadException(Yaml.mark(at), "this value expands to more than " + Limits.MAX_NODES
                + " values through its aliases (*name): not loaded");
    }

    /** Values in the tree under node, counting each alias's as often as it is used; saturates at CAP. */
    private long size(Node node) {
        Long known = sizes.get(node);
        if (known != null) {
            return known;
        }
        long n = 1;
        if (node instanceof SequenceNode s) {
            for (Node c : s.getValue()) {
                n = Math.min(n + size(c), CAP);
            }
        } else if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                n = Math.min(n + size(t.getKeyNode()) + size(t.getValueNode()), CAP);
            }
        }
        sizes.put(node, n);
        return n;
    }

    private Node firstTooLarge(Node node) {
        if (node instanceof SequenceNode s) {
            return s.getValue().stream().filter(c -> sizes.get(c) > Limits.MAX_NODES).findFirst().orElse(null);
        }
        if (node instanceof MappingNode m) {
            return m.getValue().stream().map(NodeTuple::getValueNode).filter(c -> sizes.get(c) > Limits.MAX_NODES)
                    .findFirst().orElse(null);
        }
        return null;
    }
}
