/**
 * The FreeBSD modules, registered by {@link org.drover.module.freebsd.FreeBsdModules}: each reads the host with one
 * script, plans with the parsers of {@code org.drover.freebsd} and applies in one {@code set -e} script. Depends on
 * the module SPI, {@code transport} and {@code org.drover.freebsd}.
 */
package org.drover.module.freebsd;
