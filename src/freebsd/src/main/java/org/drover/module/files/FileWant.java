package org.drover.module.files;

/**
 * The {@code file} task's arguments. {@code state} null: as Ansible, the path's current state (file when it is
 * missing, directory with recurse). {@code mode} is the raw value (integer or string, see {@link Modes}).
 */
record FileWant(String path, String state, Object mode, String owner, String group, boolean recurse, String src,
                boolean force, boolean follow) {

    boolean wantsAttributes() {
        return mode != null || owner != null || group != null;
    }
}
