package org.drover.module.files;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code mode} argument as Ansible's {@code AnsibleModule.set_mode_if_different} reads it: an integer is the
 * mode bits themselves (YAML 1.1 reads an unquoted {@code 0755} as 493, which is 0755; an unquoted {@code 755} is
 * 01363, as in Ansible); a string is octal when Python's {@code int(s, 8)} takes it ({@code '0755'}, {@code '755'},
 * {@code '0o755'}), else symbolic ({@code u+rwx,g-w,o=r}), applied to the current mode as Ansible applies it
 * ({@code X}, {@code s}, {@code t}, copying {@code u}/{@code g}/{@code o}, the umask for an empty who).
 */
final class Modes {
    private Modes() {}

    private static final int PERM_BITS = 07777;

    /** Why {@code raw} is no mode (Ansible's words), or null. */
    static String problem(Object raw) {
        if (raw instanceof Boolean || !(raw instanceof Number || raw instanceof CharSequence)) {
            return "mode must be in octal or symbolic form";
        }
        Integer octal = octal(raw);
        if (octal != null) {
            return octal != (octal & PERM_BITS) ? "Invalid mode supplied, only permission info is allowed" : null;
        }
        try {
            apply(raw, 0644, false, 022);
            return null;
        } catch (IllegalArgumentException e) {
            return "mode must be in octal or symbolic form (" + e.getMessage() + ")";
        }
    }

    /** The mode bits for an integer or an octal string; null for a symbolic mode. */
    static Integer octal(Object raw) {
        if (raw instanceof Number n) {
            return n.intValue();
        }
        String s = raw.toString().strip().replace("_", "");
        if (s.startsWith("+")) {
            s = s.substring(1);
        }
        if (s.startsWith("0o") || s.startsWith("0O")) {
            s = s.substring(2);
        }
        if (!s.matches("[0-7]{1,7}") || raw.toString().contains("__")) {
            return null;
        }
        return Integer.parseInt(s, 8);
    }

    /** The mode the file gets: {@code current} (its permission bits) changed by {@code raw}. */
    static int apply(Object raw, int current, boolean isDir, int umask) {
        Integer octal = octal(raw);
        if (octal != null) {
            return octal;
        }
        int mode = current & PERM_BITS;
        for (String clause : raw.toString().split(",", -1)) {
            List<String> perms = new ArrayList<>();
            List<Character> ops = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < clause.length(); i++) {
                char c = clause.charAt(i);
                if (c == '+' || c == '-' || c == '=') {
                    perms.add(clause.substring(start, i));
                    ops.add(c);
                    start = i + 1;
                }
            }
            perms.add(clause.substring(start));
            String users = perms.remove(0);
            boolean useUmask = users.isEmpty();
            if (users.isEmpty() || users.equals("a")) {
                users = "ugo";
            }
            // As Ansible's USERS_RE.match / PERMS_RE.match: only the first character is checked.
            if (!users.isEmpty() && "ugo".indexOf(users.charAt(0)) < 0 || ops.isEmpty()) {
                throw new IllegalArgumentException("bad symbolic permission for mode: " + clause);
            }
            for (int k = 0; k < perms.size(); k++) {
                String p = perms.get(k);
                if (!p.isEmpty() && "rwxXstugo".indexOf(p.charAt(0)) < 0) {
                    throw new IllegalArgumentException("bad symbolic permission for mode: " + clause);
                }
                for (char who : users.toCharArray()) {
                    int bits = bits(who, p, mode, isDir, useUmask ? umask : -1);
                    mode = operate(who, ops.get(k), bits, mode);
                }
            }
        }
        return mode;
    }

    private static int operate(char who, char op, int bits, int mode) {
        return switch (op) {
            case '=' -> {
                int mask = who == 'u' ? 04700 : who == 'g' ? 02070 : 01007;
                yield (mode & (mask ^ PERM_BITS)) | bits;
            }
            case '+' -> mode | bits;
            default -> mode - (mode & bits);
        };
    }

    /** Ansible's {@code _get_octal_mode_from_symbolic_perms}; umask -1 when who was given. */
    private static int bits(char who, String perms, int prev, boolean isDir, int umask) {
        int shift = who == 'u' ? 6 : who == 'g' ? 3 : 0;
        int rev = umask < 0 ? PERM_BITS : umask ^ PERM_BITS;
        boolean applyX = isDir || (prev & 0111) != 0;
        int out = 0;
        for (char p : perms.toCharArray()) {
            out |= switch (p) {
                case 'r' -> rev & (04 << shift);
                case 'w' -> rev & (02 << shift);
                case 'x' -> rev & (01 << shift);
                case 'X' -> applyX ? 01 << shift : 0;
                case 's' -> who == 'u' ? 04000 : who == 'g' ? 02000 : 0;
                case 't' -> who == 'o' ? 01000 : 0;
                case 'u' -> ((prev >> 6) & 07) << shift;
                case 'g' -> ((prev >> 3) & 07) << shift;
                case 'o' -> (prev & 07) << shift;
                default -> throw new IllegalArgumentException("bad symbolic permission for mode: " + perms);
            };
        }
        return out;
    }
}
