package org.drover.testbed;

/** Which SSH server answers for the simulated hosts. */
public enum Backend {
    /** One real OpenSSH {@code sshd} per host, started inside the host's mount namespace. */
    OPENSSH,
    /** Apache MINA sshd in this JVM: one listening port per host, each exec entering that host's namespace. */
    EMBEDDED;

    public static Backend parse(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "openssh", "sshd" -> OPENSSH;
            case "embedded", "mina" -> EMBEDDED;
            default -> throw new IllegalArgumentException("unknown backend '" + text + "' (openssh or embedded)");
        };
    }
}
