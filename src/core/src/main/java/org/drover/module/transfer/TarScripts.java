package org.drover.module.transfer;

import java.util.ArrayList;
import java.util.List;
import org.drover.transport.ExecResult;
import org.drover.transport.Sh;

/** unarchive's scripts: the read that unpacks into a temp directory and compares, the extraction, the parser. */
final class TarScripts {
    private TarScripts() {}

    /**
     * Prints {@code state=...}, then one line per member: {@code same=PATH} or {@code differs=PATH}. With
     * {@code fromStdin} the archive arrives on standard input.
     */
    static String read(String src, String dest, String creates, boolean fromStdin) {
        StringBuilder s = new StringBuilder("d=").append(Sh.quote(dest)).append('\n');
        if (creates != null) {
            s.append("if [ -e ").append(Sh.quote(creates)).append(" ]; then echo state=created; exit 0; fi\n");
        }
        s.append("if [ ! -d \"$d\" ]; then echo state=nodest; exit 0; fi\n");
        if (!fromStdin) {
            s.append("a=").append(Sh.quote(src)).append('\n')
                    .append("if [ ! -f \"$a\" ]; then echo state=nosrc; exit 0; fi\n");
        }
        s.append(TEMP);
        if (fromStdin) {
            s.append("a=\"$w/archive\"\ncat > \"$a\" || exit 1\n");
        }
        s.append("""
                mkdir "$w/x" || exit 1
                if ! tar -xf "$a" -C "$w/x" 2>"$w/err"; then echo state=broken; cat "$w/err"; exit 0; fi
                echo state=read
                (cd "$w/x" && find . ! -name .) | while IFS= read -r p; do
                  p=${p#./}; n="$w/x/$p"; o="$d/$p"
                  if [ -L "$n" ]; then
                    if [ -L "$o" ] && [ "$(readlink "$n")" = "$(readlink "$o")" ]; then s=same; else s=differs; fi
                  elif [ -d "$n" ]; then
                    if [ -d "$o" ] && [ ! -L "$o" ]; then s=same; else s=differs; fi
                  elif [ -f "$o" ] && [ ! -L "$o" ] && cmp -s "$n" "$o"; then s=same
                  else s=differs; fi
                  printf '%s=%s\\n' "$s" "$p"
                done
                """);
        return s.toString();
    }

    private static final String TEMP = "w=$(mktemp -d \"${TMPDIR:-/tmp}/drover-unarchive.XXXXXX\") || exit 1\n"
            + "trap 'rm -rf \"$w\"' EXIT\n";

    /** The extraction: from the host's archive, or from standard input through a temp file (bsdtar needs a file to
     * detect the compression of some formats, zip among them). */
    static String extract(String src, String dest, boolean fromStdin) {
        if (!fromStdin) {
            return Sh.join("tar", "-xf", src, "-C", dest);
        }
        return TEMP + "cat > \"$w/archive\"\n" + "tar -xf \"$w/archive\" -C " + Sh.quote(dest);
    }

    static UnarchiveModule.Current parse(ExecResult r) {
        String out = r.stdout();
        String first = out.lines().findFirst().orElse("");
        if (!r.ok() || !first.startsWith("state=")) {
            throw new IllegalStateException("cannot read the archive: " + (r.timedOut() ? "timed out"
                    : (r.stderr() + out).strip()));
        }
        String rest = out.substring(Math.min(out.length(), first.length() + 1));
        List<String> same = new ArrayList<>();
        List<String> differs = new ArrayList<>();
        UnarchiveModule.Kind kind = switch (first.substring(6)) {
            case "created" -> UnarchiveModule.Kind.CREATED;
            case "nodest" -> UnarchiveModule.Kind.NO_DEST;
            case "nosrc" -> UnarchiveModule.Kind.NO_SRC;
            case "broken" -> UnarchiveModule.Kind.BROKEN;
            case "read" -> UnarchiveModule.Kind.READ;
            default -> throw new IllegalStateException("unexpected answer from the host: " + first);
        };
        if (kind == UnarchiveModule.Kind.READ) {
            for (String line : rest.split("\n")) {
                if (line.startsWith("same=")) {
                    same.add(line.substring(5));
                } else if (line.startsWith("differs=")) {
                    differs.add(line.substring(8));
                }
            }
        }
        return new UnarchiveModule.Current(kind, same, differs, kind == UnarchiveModule.Kind.BROKEN ? rest.strip()
                : null);
    }
}
