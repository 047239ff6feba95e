package org.drover.module.freebsd;

import java.util.List;
import org.drover.freebsd.IfAddress;
import org.drover.freebsd.InterfaceName;
import org.drover.freebsd.JailName;
import org.drover.freebsd.Names;
import org.drover.module.ArgSpec;

/** The FreeBSD name checks as argument validators: they run when the playbook is loaded. */
final class NameArgs {
    private NameArgs() {}

    public static ArgSpec.Validator interfaceName() {
        return v -> InterfaceName.problem(String.valueOf(v));
    }

    public static ArgSpec.Validator cloned(String kind) {
        return v -> InterfaceName.clonedProblem(String.valueOf(v), kind);
    }

    public static ArgSpec.Validator jailName() {
        return v -> JailName.problem(String.valueOf(v));
    }

    public static ArgSpec.Validator rcVar() {
        return v -> Names.rcVarProblem(String.valueOf(v));
    }

    public static ArgSpec.Validator service() {
        return v -> Names.serviceProblem(String.valueOf(v));
    }

    public static ArgSpec.Validator absolutePath() {
        return v -> Names.absolutePathProblem(String.valueOf(v));
    }

    /** Applies an element validator to every item of a LIST argument; the message names the bad item. */
    public static ArgSpec.Validator each(ArgSpec.Validator element) {
        return v -> {
            if (!(v instanceof List<?> list)) {
                return element.check(v);
            }
            for (Object item : list) {
                if (item == null) {
                    return "list items may not be empty";
                }
                String p = element.check(item);
                if (p != null) {
                    return p;
                }
            }
            return null;
        };
    }

    /** A list of interface addresses in CIDR form ({@code 10.0.0.1/24}, {@code 2001:db8::1/64}). */
    public static ArgSpec.Validator cidrList() {
        return each(v -> {
            try {
                IfAddress.parseCidr(String.valueOf(v));
                return null;
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        });
    }
}
