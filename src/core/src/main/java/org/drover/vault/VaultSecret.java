package org.drover.vault;

import java.util.Objects;

/**
 * One vault password and its vault id (Ansible's "default" when none was named).
 *
 * @param id       the vault id label ({@code --vault-id prod@file})
 * @param password the password, as bytes of UTF-8 (trailing whitespace already stripped, as Ansible does)
 */
public record VaultSecret(String id, byte[] password) {
    public static final String DEFAULT_ID = "default";

    public VaultSecret {
        Objects.requireNonNull(id, "id");
        password = password.clone();
    }

    @Override
    public byte[] password() {
        return password.clone();
    }

    @Override
    public String toString() { // never the password
        return "VaultSecret[" + id + "]";
    }
}
