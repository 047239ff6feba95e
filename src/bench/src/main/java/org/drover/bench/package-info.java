/**
 * The benchmark: drover, Ansible and a bare SSH client floor on a simulated fleet, measured and summarised. Depends on
 * drover-core, drover-freebsd and the testbed.
 */
package org.drover.bench;
