package org.drover.playbook;

import java.util.List;
import java.util.Set;
import org.drover.template.JinjavaTemplater;
import org.drover.template.TemplateCheck;
import org.drover.yaml.Yaml;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The parse pass over every string of a loaded file: a Jinja syntax error or an unknown filter, test or lookup
 * is a load error at the string's file:line:column, as in Ansible it would be an error when the task runs.
 * Values of when, changed_when, failed_when, until and assert's that are bare expressions.
 */
final class TemplateScan {
    private static final Set<String> EXPRESSION_KEYS = Set.of("when", "changed_when", "failed_when", "until", "that");
    private static final TemplateCheck CHECK = new TemplateCheck(new JinjavaTemplater());

    private TemplateScan() {}

    static void scan(Node node, Problems problems) {
        scan(node, false, problems);
    }

    private static void scan(Node node, boolean expression, Problems problems) {
        if (node instanceof ScalarNode s) {
            String v = s.getValue();
            List<String> found = expression ? CHECK.expression(v) : CHECK.template(v);
            found.forEach(message -> problems.error(Yaml.mark(s), message));
        } else if (node instanceof SequenceNode seq) {
            seq.getValue().forEach(n -> scan(n, expression, problems));
        } else if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                boolean bare = t.getKeyNode() instanceof ScalarNode k && EXPRESSION_KEYS.contains(k.getValue());
                scan(t.getValueNode(), bare, problems);
            }
        }
    }
}
