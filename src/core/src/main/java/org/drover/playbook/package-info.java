/**
 * The playbook model (plays, blocks, tasks, roles) and its loader, which checks every task against the modules'
 * declarations before anything connects. Depends on {@code yaml}, {@code text} and the module SPI
 * ({@code org.drover.module}); never on the engine or a transport implementation.
 */
package org.drover.playbook;
