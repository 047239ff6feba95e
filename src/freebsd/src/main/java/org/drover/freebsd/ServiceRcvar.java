package org.drover.freebsd;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variable that switches an rc.d script on at boot, as {@code service NAME rcvar} prints it (rc.subr's
 * {@code rcvar} command): a {@code # NAME} header, then {@code VAR="value"} with the value rc.conf and the script's
 * defaults give, then {@code #   (default: "...")}. The script's own {@code rcvar=} line decides the name, which
 * is not always {@code NAME_enable} (e.g. {@code ntpdate}'s, or a port whose script name differs from its rcvar).
 *
 * @param variable the first variable of the script's rcvar
 * @param value    its value, empty when unset
 */
public record ServiceRcvar(String variable, String value) {
    private static final Pattern LINE = Pattern.compile("(?m)^([A-Za-z_][A-Za-z0-9_]*)=\"(.*)\"$");

    /**
     * @return the rcvar, or empty for a script without one (it runs at boot whenever it is installed)
     * @throws IllegalStateException when the command failed or printed something else
     */
    public static Optional<ServiceRcvar> parse(String output, int status) {
        if (status != 0 || !output.startsWith("# ")) {
            throw new IllegalStateException("unexpected output of 'service NAME rcvar' (exit " + status + "): "
                    + output.strip());
        }
        Matcher m = LINE.matcher(output);
        return m.find() ? Optional.of(new ServiceRcvar(m.group(1), m.group(2))) : Optional.empty();
    }
}
