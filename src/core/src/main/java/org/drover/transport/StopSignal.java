package org.drover.transport;

/** How an interrupt stops the commands running on a host: ask (first Ctrl-C), or kill (second Ctrl-C). */
public enum StopSignal {
    /** SIGTERM: the command may clean up. */
    TERM,
    /** SIGKILL: at once. */
    KILL
}
