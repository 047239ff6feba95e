package org.drover.playbook;

/** become settings as written; null fields inherit from the enclosing block, play, inventory or command line. */
public record BecomeSpec(Boolean become, String user, String method) {
    public static final BecomeSpec UNSET = new BecomeSpec(null, null, null);
}
