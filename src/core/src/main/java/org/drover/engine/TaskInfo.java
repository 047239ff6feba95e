package org.drover.engine;

import org.drover.yaml.SourceMark;

/**
 * A task as the reporters see it.
 *
 * @param id      unique within the run (the same task in two batches gets two ids)
 * @param play    the play's name
 * @param name    the display name (role-prefixed as Ansible does: {@code role : task})
 * @param module  the module name ({@code gather_facts} for fact gathering)
 * @param handler true for a handler run
 * @param hosts   how many hosts the task is about to run on (free strategy: the batch size)
 */
public record TaskInfo(int id, String play, String name, String module, boolean handler, int hosts,
                       SourceMark mark) {
}
