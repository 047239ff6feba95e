package org.drover.playbook;

import java.nio.file.Files;
import java.nio.file.Path;
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
    private static final Set<String> TEMPLATE_MODULES = Set.of("template", "ansible.builtin.template");
    private static final Pattern KEY_VALUE = Pattern.compile("\\s*\\w+=");
    private static final TemplateCheck CHECK = new TemplateCheck(new JinjavaTemplater());

    private TemplateScan() {}

    /** Checks every string of file's tree, and the template files its template tasks name with a static src. */
    static void scan(Node node, Path file, Problems problems) {
        scan(node, false, problems);
        templateFiles(node, file, problems);
    }

    /** template: src=x.j2 (or src: x.j2) found beside the tasks (templates/, the role's templates/): parsed too. */
    private static void templateFiles(Node node, Path file, Problems problems) {
        if (node instanceof SequenceNode seq) {
            seq.getValue().forEach(n -> templateFiles(n, file, problems));
        } else if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && TEMPLATE_MODULES.contains(k.getValue())) {
                    Src src = source(t.getValueNode());
                    Path found = src != null && !Values.isTemplated(src.name()) ? find(file, src.name()) : null;
                    if (found != null) {
                        checkFile(found, src.at(), problems);
                    }
                } else {
                    templateFiles(t.getValueNode(), file, problems);
                }
            }
        }
    }

    /** A template task's src, and the node to point at. */
    private record Src(String name, Node at) {}

    private static Src source(Node args) {
        if (args instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("src") && t.getValueNode() instanceof ScalarNode v) {
                    return new Src(v.getValue(), v);
                }
            }
        } else if (args instanceof ScalarNode s) {
            try {
                Object src = KeyValue.parse(s.getValue()).get("src");
                return src == null ? null : new Src(String.valueOf(src), s);
            } catch (IllegalArgumentException notPairs) {
                return null;
            }
        }
        return null;
    }

    private static Path find(Path tasksFile, String src) {
        Path dir = Loading.dirOf(tasksFile.toAbsolutePath());
        List<Path> candidates = Path.of(src).isAbsolute() ? List.of(Path.of(src))
                : List.of(Loading.dirOf(dir).resolve("templates").resolve(src), dir.resolve("templates").resolve(src), dir.resolve(src));
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElse(null);
    }

    private static void checkFile(Path template, Node src, Problems problems) {
        try {
            for (String message : CHECK.template(Files.readString(template))) {
                problems.error(Yaml.mark(src), "template " + template.getFileName() + ": " + message);
            }
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            problems.error(Yaml.mark(src), "template " + template + ": cannot be read: " + e.getMessage());
        }
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
