/**
 * The modules that need nothing of FreeBSD (command, shell, raw, copy, template, debug, assert, fail, set_fact,
 * meta, ping), registered by their own provider. Depends on the module SPI and {@code transport} only.
 */
package org.drover.module.core;
