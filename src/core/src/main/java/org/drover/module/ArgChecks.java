package org.drover.module;

import java.util.List;
import java.util.Map;
import org.drover.text.Visible;

/**
 * Validators every module shares for values that leave drover. A value written into a line of a configuration
 * file (rc.conf, jail.conf, crontab, passwd) must not hold a control character: a newline would start a line
 * of its own, and rc.conf is sourced by sh. A value given to a command as an operand (owner, group, path,
 * property name) must not start with '-', which the command would read as an option.
 */
public final class ArgChecks {
    private ArgChecks() {}

    /** Why s may not be written into a line of a file, or null: control characters (tab included). */
    public static String controlProblem(String s) {
        return s != null && s.chars().anyMatch(Visible::isControl)
                ? "'" + Visible.oneLine(s) + "' contains control characters (they are refused in values written to "
                + "configuration files and command lines)" : null;
    }

    /** Why s may not be a command's operand, or null: a leading '-' or a control character. */
    public static String operandProblem(String s) {
        if (s != null && s.startsWith("-")) {
            return "'" + Visible.oneLine(s) + "' starts with '-' (it would be read as an option)";
        }
        return controlProblem(s);
    }

    /** A value (string, or list/mapping of them, keys included) that lands in a line-oriented file. */
    public static ArgSpec.Validator lineValue() {
        return ArgChecks::deepControlProblem;
    }

    /** A command operand: no leading '-', no control characters. */
    public static ArgSpec.Validator operand() {
        return v -> operandProblem(String.valueOf(v));
    }

    /** Owner or group: a name or a numeric id ({@code root}, {@code _pflogd}, {@code 1001}, {@code wheel}). */
    public static ArgSpec.Validator account() {
        return v -> {
            String s = String.valueOf(v);
            String p = operandProblem(s);
            if (p != null) {
                return p;
            }
            return s.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}\\$?") ? null
                    : "'" + Visible.oneLine(s) + "' is not a user or group name (letters, digits, '_', '.', '-')";
        };
    }

    /** The first validator's problem, or the next's, ... */
    public static ArgSpec.Validator all(ArgSpec.Validator... validators) {
        return v -> {
            for (ArgSpec.Validator x : validators) {
                String p = x.check(v);
                if (p != null) {
                    return p;
                }
            }
            return null;
        };
    }

    private static String deepControlProblem(Object v) {
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String p = deepControlProblem(e.getKey());
                if (p == null) {
                    p = deepControlProblem(e.getValue());
                }
                if (p != null) {
                    return p;
                }
            }
            return null;
        }
        if (v instanceof List<?> l) {
            for (Object x : l) {
                String p = deepControlProblem(x);
                if (p != null) {
                    return p;
                }
            }
            return null;
        }
        return v == null ? null : controlProblem(String.valueOf(v));
    }
}
