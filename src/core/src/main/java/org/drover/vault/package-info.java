/**
 * Ansible Vault: the 1.1/1.2 AES256 format, read and written byte-compatibly with ansible-vault, and the
 * passwords a run was given.
 */
package org.drover.vault;
