package org.drover.engine;

import org.drover.playbook.Play;

/** How a batch walks its tasks: all hosts in step (linear), or each host at its own pace (free). */
enum Strategy {
    /** Each task runs on every host of the batch before the next starts. */
    LINEAR,
    /** Each host walks the play in its own worker; a task's record spans the batch. */
    FREE;

    static Strategy of(Play play) {
        return "free".equals(play.strategy()) ? FREE : LINEAR;
    }
}
