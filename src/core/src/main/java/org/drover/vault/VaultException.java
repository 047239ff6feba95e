package org.drover.vault;

/** A vault text that cannot be decrypted (no matching password, a damaged envelope) or a bad vault password. */
public final class VaultException extends RuntimeException {
    public VaultException(String message) {
        super(message);
    }

    public VaultException(String message, Throwable cause) {
        super(message, cause);
    }
}
