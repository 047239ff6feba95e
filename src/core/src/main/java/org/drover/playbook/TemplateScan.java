package org.drover.playbook;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
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
    private static final Pattern KEY_VALUE = Pattern.compile("\\s*\\w+=");
    private static final TemplateCheck CHECK = new TemplateCheck(new JinjavaTemplater());

    private TemplateScan() {}

    static void scan(Node node, Problems problems) {
        scan(node, false, problems);
    }

    /** The text, or the values of k=v arguments ({@code msg="{{ \\"x\\" }}"}) as the module will get them. */
    private static List<String> texts(String v) {
        if (KEY_VALUE.matcher(v).lookingAt()) {
            try {
                return KeyValue.parse(v).values().stream().map(String::valueOf).toList();
            } catch (IllegalArgumentException notPairs) {
                return List.of(v);
            }
        }
        return List.of(v);
    }

    private static void scan(Node node, boolean expression, Problems problems) {
        if (node instanceof ScalarNode s) {
            for (String v : texts(s.getValue())) {
                List<String> found = expression ? CHECK.expression(v) : CHECK.template(v);
                found.forEach(message -> problems.error(Yaml.mark(s), message));
            }
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
