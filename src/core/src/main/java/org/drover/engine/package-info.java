/**
 * The run engine: plays, serial batches and strategies, one task on one host (when, loop, module, retries),
 * variable precedence, handlers, failure policy and the per-host connection pool; {@link org.drover.engine.Engine}
 * is its entry point. It may depend on the playbook, inventory, template, module SPI, transport and yaml packages,
 * never on a concrete transport (SSH) or module set, which the caller passes in.
 */
package org.drover.engine;
