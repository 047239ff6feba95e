/**
 * The per-host run lock: two drover runs never change one host at the same time. A run takes a lock directory on
 * the host ({@value org.drover.runlock.LockScript#DIR}, created with {@code mkdir}, which is atomic) before its first
 * task that changes anything there, waits on the host for a holder to finish, breaks a lock whose holder is gone, and
 * removes its own lock when it is done with the host. Pure: scripts and the parsing of their output; the engine
 * runs them. Depends on nothing of drover but {@code org.drover.transport} (quoting).
 */
package org.drover.runlock;
