package org.drover.engine;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.drover.playbook.Play;
import org.drover.template.Templater;
import org.drover.yaml.Yaml;

/** A play's {@code vars_files}, loaded once per batch (per host when the file name is a template). */
final class VarsFiles {
    private final Play play;
    private final Templater templater;
    private final Map<Path, Map<String, Object>> cache = new ConcurrentHashMap<>();

    VarsFiles(Play play, Templater templater) {
        this.play = play;
        this.templater = templater;
    }

    /** @param varsSoFar the lower-precedence variables a templated file name may use */
    Map<String, Object> load(Map<String, Object> varsSoFar) {
        if (play.varsFiles().isEmpty()) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String f : play.varsFiles()) {
            String name = Templater.isTemplated(f) ? String.valueOf(templater.render(f, varsSoFar)) : f;
            Path p = play.baseDir() != null ? play.baseDir().resolve(name) : Path.of(name);
            out.putAll(cache.computeIfAbsent(p, VarsFiles::read));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(Path p) {
        Object v = Yaml.loadPlain(p);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("vars_files: " + p + " must hold a mapping of variables");
        }
        return (Map<String, Object>) v;
    }
}
