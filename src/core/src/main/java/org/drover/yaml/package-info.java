/**
 * YAML loading with source positions: every node keeps its file, line and column, so playbook and inventory errors
 * are reported as {@code file:line:column: message}. Depends on nothing else of drover (only SnakeYAML).
 */
package org.drover.yaml;
