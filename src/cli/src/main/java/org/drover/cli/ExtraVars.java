package org.drover.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drover.playbook.KeyValue;
import org.drover.yaml.LoadError;
import org.drover.yaml.LoadException;
import org.drover.yaml.SourceMark;
import org.drover.yaml.Yaml;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * {@code -e} values, as Ansible reads them: {@code @file} (YAML or JSON), an inline YAML/JSON mapping
 * ({@code '{"a": 1}'}), or {@code k=v k2="v 2"} pairs (values stay strings). Later values win.
 */
final class ExtraVars {
    private ExtraVars() {}

    /** @throws LoadException with one error per bad value, each naming the value or the file position */
    static Map<String, Object> parse(List<String> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<LoadError> errors = new java.util.ArrayList<>();
        for (String v : values) {
            try {
                out.putAll(one(v));
            } catch (LoadException e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new LoadException(errors);
        }
        return out;
    }

    private static Map<String, Object> one(String v) {
        String s = v.strip();
        if (s.startsWith("@")) {
            Path f = Path.of(s.substring(1));
            return mapping(Yaml.compose(f).orElse(null), f.toString());
        }
        if (s.startsWith("{") || s.startsWith("[")) {
            return mapping(Yaml.compose(s, "--extra-vars").orElse(null), "--extra-vars");
        }
        if (s.isEmpty()) {
            return Map.of();
        }
        try {
            Map<String, Object> kv = KeyValue.parse(s);
            return kv;
        } catch (IllegalArgumentException e) {
            throw new LoadException(new SourceMark("--extra-vars", 1, 1), e.getMessage() + " in '" + v
                    + "' (use k=v pairs, a YAML/JSON mapping, or @file)");
        }
    }

    private static Map<String, Object> mapping(Node n, String label) {
        if (n == null || Yaml.isNull(n)) {
            return Map.of();
        }
        if (!Yaml.isMapping(n)) {
            throw new LoadException(Yaml.mark(n), "extra vars must be a mapping of variables, got " + Yaml.describe(n));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) Yaml.toValue(n);
        return m;
    }
}
