/**
 * The simulated FreeBSD fleet (test-only, never in drover.jar): SSH servers on loopback whose sessions land in per-
 * host mount namespaces running the Python commands of {@code src/testbed/sim}, with counters and fault knobs. Depends
 * only on drover-core's {@code transport}.
 */
package org.drover.testbed;
