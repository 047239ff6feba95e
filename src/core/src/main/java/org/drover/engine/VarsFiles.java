package org.drover.engine;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.drover.playbook.Play;
import org.drover.template.TemplateException;
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

    /**
     * @param varsSoFar the lower-precedence variables, extra vars and magic variables a templated name may use
     * @param strict    whether a name reading an undefined variable is an error (Ansible: once facts were
     *                  gathered) rather than the entry being left out
     */
    Map<String, Object> load(Map<String, Object> varsSoFar, boolean strict) {
        if (play.varsFiles().isEmpty()) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (List<String> candidates : play.varsFiles()) {
            Path p;
            try {
                p = first(candidates, varsSoFar);
            } catch (TemplateException e) {
                if (strict || e.variable() == null) {
                    throw e;
                }
                continue;
            }
            out.putAll(cache.computeIfAbsent(p, VarsFiles::read));
        }
        return out;
    }

    /** The first candidate found (rendered first when templated), as Ansible's first-found vars_files entry. */
    private Path first(List<String> candidates, Map<String, Object> varsSoFar) {
        for (String f : candidates) {
            String name = Templater.isTemplated(f) ? String.valueOf(templater.render(f, varsSoFar)) : f;
            Path p = Play.varsFile(play.baseDir(), name);
            if (p != null) {
                return p;
            }
        }
        throw new IllegalArgumentException("vars file " + (candidates.size() == 1 ? candidates.get(0) : candidates)
                + " was not found");
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
