package org.drover.cli;

/** Process exit codes, Ansible's where Ansible has one (documented in the README). */
public final class ExitCodes {
    public static final int OK = 0;
    /** An unexpected internal error; or, as in Ansible, a --limit that leaves no host to target (nothing ran). */
    public static final int ERROR = 1;
    /** One or more hosts failed. */
    public static final int FAILED = 2;
    /** One or more hosts were unreachable (and none failed). */
    public static final int UNREACHABLE = 3;
    /** Playbook, inventory or variable files are invalid; nothing ran. */
    public static final int BAD_INPUT = 4;
    /** Bad command-line usage. */
    public static final int USAGE = 5;
    /** With --detailed-exitcode: the run succeeded and changed something (or would, with --check). */
    public static final int CHANGED = 8;
    /** Interrupted (Ctrl-C): no new task started, the recap was printed. */
    public static final int INTERRUPTED = 99;

    private ExitCodes() {}
}
