/**
 * Modules that move files between the controller and a host: {@code fetch} (host to controller), {@code unarchive}
 * (an archive unpacked on the host) and {@code script} (a controller script run once on the host). Content travels
 * on the script's standard input (to the host) or base64 on its standard output (from the host).
 */
package org.drover.module.transfer;
