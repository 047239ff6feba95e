package org.drover.freebsd;

import java.util.regex.Pattern;

/** What {@code service NAME onestatus} tells: running (exit 0), stopped (other exit), or no such service. */
public enum ServiceStatus {
    RUNNING, STOPPED, MISSING;

    private static final Pattern MISSING_TEXT = Pattern.compile("does not exist in /etc/rc\\.d|not found");

    public static ServiceStatus of(String output, int status) {
        if (status == 0) {
            return RUNNING;
        }
        if (status == 127 || MISSING_TEXT.matcher(output).find()) {
            return MISSING;
        }
        return STOPPED;
    }
}
