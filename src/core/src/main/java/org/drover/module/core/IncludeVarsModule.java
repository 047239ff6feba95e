package org.drover.module.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.drover.module.ArgSpec;
import org.drover.module.ArgType;
import org.drover.module.Args;
import org.drover.module.Module;
import org.drover.module.ModuleContext;
import org.drover.module.ModuleSpec;
import org.drover.module.Outcome;
import org.drover.yaml.LoadException;
import org.drover.yaml.Yaml;

/**
 * {@code include_vars}: variables from YAML/JSON files on the controller, set on the host at the include_vars
 * level of precedence (above task vars, below set_fact and extra vars) for the rest of the run. A file is found
 * as Ansible finds it: in the role's {@code vars/}, the role, the task file's directory, then the playbook's
 * directory (each {@code vars/NAME} then {@code NAME}); {@code dir:} is under the role's {@code vars/}, or next to
 * the task file.
 */
public final class IncludeVarsModule implements Module {
    private static final List<String> DIR_ARGS = List.of("dir", "depth", "files_matching", "ignore_files",
            "extensions", "ignore_unknown_extensions");

    private static final ModuleSpec SPEC = new ModuleSpec("include_vars",
            "Load variables from files",
            "Reads a YAML or JSON file (or every such file of a directory, sorted) holding a mapping, and sets its "
                    + "variables on the host with the precedence of include_vars, for the rest of the run. "
                    + "Runs on the controller.",
            List.of(ArgSpec.of("file", ArgType.STR).description("The file (free form: `include_vars: vars.yml`).")
                            .example("file: vars/{{ ansible_facts.system }}.yml").build(),
                    ArgSpec.of("dir", ArgType.STR).description("A directory whose files are all loaded, sorted.")
                            .build(),
                    ArgSpec.of("name", ArgType.STR)
                            .description("Put the variables under this one variable instead.").build(),
                    ArgSpec.of("depth", ArgType.INT).description("With dir: how deep to go (0: no limit).")
                            .defaultValue(0L).build(),
                    ArgSpec.of("files_matching", ArgType.STR)
                            .description("With dir: only files whose name this regular expression finds.").build(),
                    ArgSpec.of("ignore_files", ArgType.LIST)
                            .description("With dir: regular expressions of file names to leave out.").build(),
                    ArgSpec.of("extensions", ArgType.LIST).defaultValue(List.of("yaml", "yml", "json"))
                            .description("With dir: the extensions of files to load.").build(),
                    ArgSpec.of("ignore_unknown_extensions", ArgType.BOOL).defaultValue(false)
                            .description("With dir: skip files of other extensions instead of failing.").build(),
                    ArgSpec.of("hash_behaviour", ArgType.STR).choices("replace")
                            .description("Only `replace` (Ansible's default): a variable replaces one of the same "
                                    + "name.").build()),
            "file",
            List.of("- include_vars: vars/common.yml", "- include_vars:\n    dir: vars/site\n    name: site"),
            List.of(Commands.ret("ansible_facts", ArgType.MAP, "the variables set"),
                    Commands.ret("ansible_included_var_files", ArgType.LIST, "the files read"))).withBuiltinAliases();

    @Override
    public ModuleSpec spec() {
        return SPEC;
    }

    @Override
    public Outcome run(ModuleContext ctx, Args args) {
        boolean dirMode = args.has("dir");
        if (dirMode && args.has("file")) {
            return Outcome.failed("You are mixing file only and dir only arguments, these are incompatible", null);
        }
        if (!dirMode && DIR_ARGS.stream().anyMatch(a -> !a.equals("depth") && !a.equals("extensions")
                && !a.equals("ignore_unknown_extensions") && args.has(a))) {
            return Outcome.failed("You are mixing file only and dir only arguments, these are incompatible", null);
        }
        List<String> read = new ArrayList<>();
        Map<String, Object> vars = new LinkedHashMap<>();
        try {
            if (dirMode) {
                loadDir(ctx, args, vars, read);
            } else if (args.has("file")) {
                Path f = find(ctx, args.string("file").stripTrailing());
                vars.putAll(load(f, read));
            } else {
                return Outcome.failed("include_vars needs a file (free form), file: or dir:", null);
            }
        } catch (IllegalArgumentException e) {
            return Outcome.failed(e.getMessage(), null);
        }
        Map<String, Object> facts = args.has("name") ? Map.of(args.string("name"), vars) : vars;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ansible_included_var_files", read);
        return new Outcome(Outcome.Status.OK, null, List.of(), result, facts);
    }

    /** As Ansible's {@code _find_needle('vars', name)}: the first of the search paths that exists. */
    private static Path find(ModuleContext ctx, String name) {
        Path p = ctx.resolveLocal(name, name.startsWith("vars/") ? null : "vars");
        if (!Files.exists(p)) {
            throw new IllegalArgumentException("Could not find or access '" + name + "' (searched the role's vars/,"
                    + " the task file's and the playbook's directories)");
        }
        return p;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(Path f, List<String> read) {
        Object v;
        try {
            v = Yaml.loadPlain(f);
        } catch (LoadException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        if (v == null || v instanceof Map<?, ?> m && m.isEmpty()) {
            read.add(f.toString());
            return Map.of();
        }
        if (!(v instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(f + " must be stored as a dictionary/hash");
        }
        read.add(f.toString());
        return (Map<String, Object>) v;
    }

    /** Every file of the directory tree, directories in sorted order, files sorted within each. */
    private static void loadDir(ModuleContext ctx, Args args, Map<String, Object> vars, List<String> read) {
        String name = args.string("dir");
        Object rolePath = ctx.vars().get("role_path");
        Path dir;
        if (rolePath != null) {
            Path inVars = Path.of(String.valueOf(rolePath)).resolve(name);
            dir = name.split("/")[0].equals("vars") && Files.exists(inVars) ? inVars
                    : Path.of(String.valueOf(rolePath)).resolve("vars").resolve(name);
        } else {
            dir = ctx.resolveLocal(name, null);
        }
        if (!Files.exists(dir)) {
            throw new IllegalArgumentException(dir + " directory does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a directory");
        }
        Filter filter = Filter.of(args);
        long depth = args.has("depth") ? args.integer("depth") : 0;
        List<Path> dirs;
        try (Stream<Path> s = Files.walk(dir)) {
            dirs = s.filter(Files::isDirectory).map(Path::toString).sorted().map(Path::of).toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + dir + ": " + e.getMessage());
        }
        for (int i = 0; i < dirs.size() && (depth == 0 || i < depth); i++) {
            for (Path f : files(dirs.get(i))) {
                if (rolePath != null && f.equals(Path.of(String.valueOf(rolePath), "vars", "main.yml"))) {
                    continue;
                }
                if (filter.takes(f.getFileName().toString())) {
                    vars.putAll(filter.checked(f, read));
                }
            }
        }
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !Files.isDirectory(p)).map(Path::toString).sorted().map(Path::of).toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + dir + ": " + e.getMessage());
        }
    }

    /** Which files of a directory are loaded: files_matching, ignore_files and the extensions. */
    private record Filter(Pattern matching, List<Pattern> ignore, List<String> extensions, boolean skipUnknown) {
        static Filter of(Args args) {
            try {
                Pattern m = args.has("files_matching") ? Pattern.compile(args.string("files_matching")) : null;
                List<Pattern> ig = new ArrayList<>();
                if (args.has("ignore_files")) {
                    for (String s : args.strings("ignore_files")) {
                        ig.add(Pattern.compile(s + "$"));
                    }
                }
                return new Filter(m, ig, args.strings("extensions"), args.bool("ignore_unknown_extensions"));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("Invalid regular expression: " + e.getPattern());
            }
        }

        boolean takes(String fileName) {
            if (matching != null && !matching.matcher(fileName).find()) {
                return false;
            }
            if (ignore.stream().anyMatch(p -> p.matcher(fileName).find())) {
                return false;
            }
            return !skipUnknown || knownExtension(fileName);
        }

        boolean knownExtension(String fileName) {
            int dot = fileName.lastIndexOf('.');
            return dot > 0 && extensions.contains(fileName.substring(dot + 1));
        }

        Map<String, Object> checked(Path f, List<String> read) {
            if (!knownExtension(f.getFileName().toString())) {
                throw new IllegalArgumentException(f + " does not have a valid extension: "
                        + String.join(", ", extensions));
            }
            return load(f, read);
        }
    }
}
