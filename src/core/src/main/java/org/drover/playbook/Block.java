package org.drover.playbook;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.drover.yaml.SourceMark;

/**
 * {@code block}/{@code rescue}/{@code always}; also the shape an expanded role or {@code import_tasks} takes.
 *
 * @param role         the role's name when this block is an expanded role, else null
 * @param roleDefaults the role's defaults (lowest precedence), empty otherwise
 * @param ignoreErrors a Boolean, or a template rendered per host; null: unset
 * @param baseDir      where {@code src:}/{@code template:} files of these tasks are looked up first (the role dir)
 * @param checkMode    the block's check_mode, inherited by its tasks that set none; null: unset
 * @param roleMeta     for an expanded role, its identity and visibility; null otherwise
 */
public record Block(String name, List<TaskNode> block, List<TaskNode> rescue, List<TaskNode> always,
                    List<String> when, Map<String, Object> vars, List<String> tags, BecomeSpec become,
                    Object ignoreErrors, String role, Map<String, Object> roleDefaults, Path baseDir,
                    Boolean checkMode, RoleMeta roleMeta, SourceMark mark) implements TaskNode {
    public Block {
        block = List.copyOf(block);
        rescue = List.copyOf(rescue);
        always = List.copyOf(always);
        when = List.copyOf(when);
        vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
        tags = List.copyOf(tags);
        roleDefaults = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(roleDefaults));
    }
}
