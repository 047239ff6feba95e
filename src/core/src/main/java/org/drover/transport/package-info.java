/**
 * The {@link org.drover.transport.Connection} interface the engine runs modules through (one script per call, with
 * become, environment and deadline), its results, and {@link org.drover.transport.Sh} quoting. Implemented by
 * drover-ssh; depends only on {@code org.drover.inventory} (a host's connection variables).
 */
package org.drover.transport;
