package org.drover.transport;

/** Privilege escalation for one request: method ({@code doas}, {@code sudo}, {@code su}), target user, optional password. */
public record Become(Method method, String user, char[] password) {
    public enum Method { DOAS, SUDO, SU }

    public Become {
        user = user == null || user.isEmpty() ? "root" : user;
    }

    @Override
    public String toString() { // never print the password
        return "Become[" + method + " -> " + user + (password != null ? ", password" : "") + "]";
    }
}
