package org.drover.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.LazyExpression;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.drover.text.PyText;

/**
 * Ansible's lookup plugins that run on the controller: env, file, template, pipe, lines, first_found, vars, items.
 * Relative files are searched as Ansible does: the role's files/ (templates/) and the role, then the playbook's.
 */
final class Lookups {
    /** The lookups drover has; any other name is refused when the playbook loads. */
    static final Set<String> NAMES = Set.of("env", "file", "template", "pipe", "lines", "first_found", "vars", "items", "list");

    private Lookups() {}

    static Object lookup(String name, FilterArgs a, boolean wantlist) {
        Object errors = a.keywords().getOrDefault("errors", "strict");
        List<Object> ran;
        try {
            ran = run(name, a);
        } catch (TemplateException e) {
            if ("strict".equals(errors)) {
                throw e;
            }
            return wantlist ? new ArrayList<>() : null;
        }
        if (wantlist || ran.isEmpty()) {
            return ran;
        }
        if (ran.stream().allMatch(x -> x instanceof CharSequence)) {
            return String.join(",", ran.stream().map(Object::toString).toList());
        }
        return ran.size() == 1 ? ran.get(0) : ran;
    }

    private static List<Object> run(String name, FilterArgs a) {
        List<Object> terms = a.positional();
        List<Object> out = new ArrayList<>();
        switch (name) {
            case "env" -> terms.forEach(t -> {
                String v = System.getenv(PyText.str(t).strip().split("\\s+")[0]);
                out.add(v != null ? v : a.keywords().getOrDefault("default", ""));
            });
            case "file" -> terms.forEach(t -> {
                String text = read(find(PyText.str(t), "files"));
                if (a.flag(-1, "lstrip", false)) {
                    text = text.stripLeading();
                }
                out.add(a.flag(-1, "rstrip", true) ? text.stripTrailing() : text);
            });
            case "template" -> terms.forEach(t -> out.add(JinjavaInterpreter.getCurrent().renderFlat(read(find(PyText.str(t), "templates")))));
            case "pipe" -> terms.forEach(t -> out.add(shell(PyText.str(t), name).stripTrailing()));
            case "lines" -> terms.forEach(t -> out.addAll(shell(PyText.str(t), name).lines().toList()));
            case "first_found" -> out.add(firstFound(terms, a));
            case "vars" -> terms.forEach(t -> out.add(variable(PyText.str(t), a)));
            case "items", "list" -> terms.forEach(t -> {
                if (name.equals("items") && t instanceof List<?> l) {
                    out.addAll(l);
                } else {
                    out.add(t);
                }
            });
            default -> throw new TemplateException("lookup plugin (" + name + ") not found", null);
        }
        return out;
    }

    /** The directories a relative file is searched in, most specific first. */
    static List<Path> searchPath(String subdir) {
        List<Path> dirs = new ArrayList<>();
        Object role = variable("role_path");
        if (role != null) {
            dirs.add(Path.of(PyText.str(role), subdir));
            dirs.add(Path.of(PyText.str(role)));
        }
        Object playbook = variable("playbook_dir");
        Path base = playbook != null ? Path.of(PyText.str(playbook)) : Path.of("").toAbsolutePath();
        dirs.add(base.resolve(subdir));
        dirs.add(base);
        return dirs;
    }

    static Path find(String term, String subdir) {
        Path p = Path.of(term);
        if (p.isAbsolute()) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        } else {
            for (Path dir : searchPath(subdir)) {
                if (Files.isRegularFile(dir.resolve(term))) {
                    return dir.resolve(term);
                }
            }
        }
        throw new TemplateException("could not locate file in lookup: " + term, null);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TemplateException("could not read file in lookup: " + p + ": " + e.getMessage(), null);
        }
    }

    private static String shell(String command, String lookup) {
        try {
            Object playbook = variable("playbook_dir");
            ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command).redirectError(ProcessBuilder.Redirect.DISCARD);
            if (playbook != null) {
                pb.directory(Path.of(PyText.str(playbook)).toFile());
            }
            Process proc = pb.start();
            proc.getOutputStream().close();
            String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!proc.waitFor(10, TimeUnit.MINUTES) || proc.exitValue() != 0) {
                throw new TemplateException("lookup_plugin." + lookup + "(" + command + ") returned " + proc.exitValue(), null);
            }
            return out;
        } catch (IOException e) {
            throw new TemplateException("lookup_plugin." + lookup + "(" + command + "): " + e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TemplateException("lookup_plugin." + lookup + "(" + command + ") interrupted", null);
        }
    }

    /** first_found: the first file that exists of the terms (names, or {files, paths} mappings); skip=True allows none. */
    private static Object firstFound(List<Object> terms, FilterArgs a) {
        List<String> candidates = new ArrayList<>();
        for (Object t : ListFilters.flatten(terms, null, true)) {
            if (t instanceof Map<?, ?> m) {
                List<Object> files = PyValues.iterate(m.get("files") instanceof CharSequence s ? List.of(s.toString()) : m.get("files"));
                Object paths = m.get("paths");
                for (Object f : files) {
                    if (paths == null) {
                        candidates.add(PyText.str(f));
                    } else {
                        for (Object dir : PyValues.iterate(paths instanceof CharSequence s ? List.of(s.toString()) : paths)) {
                            candidates.add(Path.of(PyText.str(dir)).resolve(PyText.str(f)).toString());
                        }
                    }
                }
            } else {
                candidates.add(PyText.str(t));
            }
        }
        for (String c : candidates) {
            try {
                return find(c, "files").toAbsolutePath().normalize().toString();
            } catch (TemplateException notThere) {
                // the next candidate
            }
        }
        if (a.flag(-1, "skip", false)) {
            return new ArrayList<>();
        }
        throw new TemplateException("No file was found when using first_found.", null);
    }

    private static Object variable(String name, FilterArgs a) {
        Object v = variable(name);
        if (v == null && !a.keywords().containsKey("default") && !hasVariable(name)) {
            throw new TemplateException("No variable found with this name: " + name, name);
        }
        return v == null && !hasVariable(name) ? a.keywords().get("default") : v;
    }

    private static boolean hasVariable(String name) {
        JinjavaInterpreter i = JinjavaInterpreter.getCurrent();
        return i != null && i.getContext().containsKey(name);
    }

    /** The value of a variable in the evaluation under way, or null. */
    static Object variable(String name) {
        JinjavaInterpreter i = JinjavaInterpreter.getCurrent();
        Object v = i == null ? null : i.getContext().get(name);
        if (v instanceof LazyExpression l) {
            v = l.get();
        }
        return v instanceof Undefined ? null : JinjavaTemplater.plain(v);
    }
}
