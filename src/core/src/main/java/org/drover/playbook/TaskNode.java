package org.drover.playbook;

import java.util.List;
import org.drover.yaml.SourceMark;

/** An entry of a task list: a task or a block of tasks. */
public sealed interface TaskNode permits Task, Block {
    String name();

    /** Conditions, all of which must hold (a {@code when:} list is an AND). */
    List<String> when();

    List<String> tags();

    SourceMark mark();
}
