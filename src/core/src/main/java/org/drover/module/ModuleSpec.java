package org.drover.module;

import java.util.List;
import java.util.Optional;

/**
 * A module's declaration, written once: validates playbooks, produces {@code drover doc}, fills the README table.
 *
 * @param name        the key used in playbooks, e.g. {@code bridge}
 * @param summary     one line for tables
 * @param description a paragraph for {@code drover doc}
 * @param args        the arguments, in documentation order
 * @param freeForm    the argument that receives a bare string ({@code command: ls -l}), or null when a string
 *                    value is parsed as {@code k=v} pairs
 * @param examples    YAML task snippets for {@code drover doc}
 * @param returns     documented fields of the registered result: name and meaning
 * @param aliases     other names the module answers to, e.g. {@code ansible.builtin.copy}: only where the module
 *                    takes that module's arguments with the same meaning (a task written for Ansible must mean the
 *                    same under drover)
 */
public record ModuleSpec(String name, String summary, String description, List<ArgSpec> args, String freeForm,
                         List<String> examples, List<ArgSpec> returns, List<String> aliases) {
    public ModuleSpec {
        args = List.copyOf(args);
        examples = List.copyOf(examples);
        returns = returns == null ? List.of() : List.copyOf(returns);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    public ModuleSpec(String name, String summary, String description, List<ArgSpec> args, String freeForm,
                      List<String> examples, List<ArgSpec> returns) {
        this(name, summary, description, args, freeForm, examples, returns, List.of());
    }

    /** This declaration, also answering to {@code names}. */
    public ModuleSpec withAliases(String... names) {
        List<String> all = new java.util.ArrayList<>(aliases);
        all.addAll(List.of(names));
        return new ModuleSpec(name, summary, description, args, freeForm, examples, returns, all);
    }

    /** Ansible's builtin names for this module: {@code ansible.builtin.NAME} (and {@code ansible.legacy.NAME}). */
    public ModuleSpec withBuiltinAliases() {
        return withAliases("ansible.builtin." + name, "ansible.legacy." + name);
    }

    /** The name of an argument spec that accepts any other argument name ({@code set_fact}'s variables). */
    public static final String ANY = "*";

    /** The {@link #ANY} argument, when the module takes arbitrary names. */
    public Optional<ArgSpec> anyArg() {
        return args.stream().filter(a -> a.name().equals(ANY)).findFirst();
    }

    public Optional<ArgSpec> arg(String argName) {
        return args.stream().filter(a -> a.name().equals(argName) || a.aliases().contains(argName)).findFirst();
    }
}
