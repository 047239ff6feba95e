/**
 * Pure FreeBSD knowledge: parsers of what FreeBSD commands print (ifconfig, jls, zfs, pfctl, sysrc, kldstat, ...),
 * name checks and renderers such as jail.conf, each tested on the samples in {@code freebsd-samples}. Depends on
 * nothing of drover: no I/O, no module SPI.
 */
package org.drover.freebsd;
