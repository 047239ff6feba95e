/**
 * The {@code drover} command line (picocli): play, inventory, doc and completion, exit codes, and the wiring of
 * engine, loaders, reporters and the SSH transport. The top of the layering: it may use every drover package.
 */
package org.drover.cli;
