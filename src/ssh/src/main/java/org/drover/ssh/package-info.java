/**
 * The SSH transport (drover-ssh): sshj connections implementing {@code org.drover.transport.Connection}, known_hosts
 * checking, jump hosts, key passphrases and keep-alive. Depends on drover-core's {@code transport} package only.
 */
package org.drover.ssh;
