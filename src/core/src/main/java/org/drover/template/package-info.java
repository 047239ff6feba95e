/**
 * Jinja2 templating through Jinjava, with Ansible's filters and tests; renders task arguments per host. Uses only
 * {@code org.drover.transport} of drover (shell quoting).
 */
package org.drover.template;
