/**
 * Ansible-compatible inventories (YAML, INI, host ranges, group_vars and host_vars) and host patterns. Depends only
 * on {@code org.drover.yaml} and {@code org.drover.text}.
 */
package org.drover.inventory;
