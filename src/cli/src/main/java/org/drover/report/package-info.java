/**
 * Run listeners that report: Ansible-style console output, JSON lines, JUnit XML, unified diffs, logging. Depends on
 * the engine's listener interface, the playbook model and module results; never on a transport.
 */
package org.drover.report;
