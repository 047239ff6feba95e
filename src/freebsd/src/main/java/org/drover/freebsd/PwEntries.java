package org.drover.freebsd;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code pw usershow NAME} and {@code pw groupshow} print: a user as its master.passwd line
 * ({@code name:password:uid:gid:class:change:expire:gecos:home:shell}, usr.sbin/pw/pw_user.c print_user with
 * pw_make), groups as /etc/group lines ({@code name:password:gid:member,member}). A missing user or group is a
 * normal state ({@code pw: no such user `NAME'}, {@code pw: unknown group `NAME'}, both exit 67, EX_NOUSER).
 */
public final class PwEntries {
    /** pw's exit status for a user or group that does not exist (sysexits EX_NOUSER). */
    public static final int EX_NOUSER = 67;

    private PwEntries() {}

    /** One master.passwd line. */
    public record User(String name, String password, long uid, long gid, String loginClass, long change,
                       long expire, String gecos, String home, String shell) {
        public static User parse(String line) {
            String[] f = line.split(":", -1);
            if (f.length != 10) {
                throw new IllegalStateException("not a master.passwd line (10 fields): " + line);
            }
            try {
                return new User(f[0], f[1], Long.parseLong(f[2]), Long.parseLong(f[3]), f[4], Long.parseLong(f[5]),
                        Long.parseLong(f[6]), f[7], f[8], f[9]);
            } catch (NumberFormatException e) {
                throw new IllegalStateException("not a master.passwd line (numeric fields): " + line, e);
            }
        }
    }

    /** One /etc/group line. */
    public record Group(String name, long gid, List<String> members) {
        public Group {
            members = List.copyOf(members);
        }

        public static Group parse(String line) {
            String[] f = line.split(":", -1);
            if (f.length != 4) {
                throw new IllegalStateException("not a group line (4 fields): " + line);
            }
            try {
                List<String> members = f[3].isEmpty() ? List.of() : List.of(f[3].split(","));
                return new Group(f[0], Long.parseLong(f[2]), members);
            } catch (NumberFormatException e) {
                throw new IllegalStateException("not a group line (numeric gid): " + line, e);
            }
        }
    }

    /** {@code pw usershow NAME}: the user, or empty when pw says there is none. */
    public static Optional<User> usershow(String name, String output, int status) {
        if (status == EX_NOUSER && output.strip().equals("pw: no such user `" + name + "'")) {
            return Optional.empty();
        }
        if (status != 0) {
            throw new IllegalStateException("pw usershow " + name + " exited " + status + ": " + output.strip());
        }
        User u = User.parse(output.strip());
        if (!u.name().equals(name)) {
            throw new IllegalStateException("pw usershow " + name + " printed another user: " + output.strip());
        }
        return Optional.of(u);
    }

    /** {@code pw groupshow NAME}: the group, or empty when pw says there is none. */
    public static Optional<Group> groupshow(String name, String output, int status) {
        if (status == EX_NOUSER && output.strip().equals("pw: unknown group `" + name + "'")) {
            return Optional.empty();
        }
        if (status != 0) {
            throw new IllegalStateException("pw groupshow " + name + " exited " + status + ": " + output.strip());
        }
        return Optional.of(Group.parse(output.strip()));
    }

    /** {@code pw groupshow -a}: every group, in file order. */
    public static List<Group> allGroups(String output, int status) {
        if (status != 0) {
            throw new IllegalStateException("pw groupshow -a exited " + status + ": " + output.strip());
        }
        List<Group> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (!line.isEmpty()) {
                out.add(Group.parse(line));
            }
        }
        return out;
    }

    /**
     * Why NAME cannot be a user or group name for pw, or null: letters, digits, {@code _ . -} (not first), an
     * optional final {@code $}, at most 32 characters (MAXLOGNAME 33 with its NUL); a stricter rule than pw's
     * pw_checkname, which also lets through characters that break scripts and other tools.
     */
    public static String nameProblem(String name) {
        if (name.isEmpty() || name.length() > 32) {
            return "a user or group name has 1 to 32 characters";
        }
        if (!name.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*\\$?")) {
            return "a user or group name has letters, digits, '_', '.' and '-' (not first), and may end in '$': "
                    + "'" + Names.printable(name) + "'";
        }
        return null;
    }

    /** Why TEXT cannot be a master.passwd field (gecos, home, shell, password hash), or null. */
    public static String fieldProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "a master.passwd field holds no control characters (newline, tab, ...)";
            }
            if (c == ':') {
                return "a master.passwd field holds no ':' (the field separator)";
            }
        }
        return null;
    }

    /** Why TEXT cannot be a home directory or shell: an absolute path, and a valid master.passwd field. */
    public static String pathProblem(String text) {
        String p = Names.absolutePathProblem(text);
        return p != null ? p : fieldProblem(text);
    }
}
