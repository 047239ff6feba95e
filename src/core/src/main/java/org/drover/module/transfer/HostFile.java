package org.drover.module.transfer;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.drover.transport.ExecResult;
import org.drover.transport.Sh;

/**
 * Reading a file of the host for the controller: its SHA-1 (what Ansible's fetch compares), its size and, for a
 * small file, its content in the same round trip; a larger file's content costs one more round trip, made only
 * when the controller's copy differs. Content travels base64 ({@code b64encode -r} on FreeBSD, {@code base64}
 * elsewhere), since a script's output is text.
 */
final class HostFile {
    private HostFile() {}

    /** Files up to this size come with the first round trip. */
    static final long INLINE = 64 * 1024;
    static final String CONTENT_MARK = "--drover-content--";

    enum Kind { FILE, ABSENT, DIRECTORY, UNREADABLE }

    /** What the host said; content is null when not sent. */
    record State(Kind kind, String sha1, long size, byte[] content) {}

    /** One script: kind, sha1 and size; the content too when the file has at most {@code inline} bytes. */
    static String readScript(String path, long inline) {
        return "t=" + Sh.quote(path) + "\n" + """
                if [ -d "$t" ]; then echo state=directory; exit 0; fi
                if [ ! -e "$t" ]; then echo state=absent; exit 0; fi
                if [ ! -r "$t" ]; then echo state=unreadable; exit 0; fi
                if command -v sha1 >/dev/null 2>&1; then h=$(sha1 -q "$t")
                else h=$(sha1sum < "$t" | cut -d' ' -f1); fi
                s=$(wc -c < "$t" | tr -d ' ')
                printf 'state=file\\nsha1=%s\\nsize=%s\\n' "$h" "$s"
                """ + "if [ \"$s\" -le " + inline + " ]; then echo " + CONTENT_MARK + "; " + ENCODE + "fi\n";
    }

    /** The file's content, base64, alone. */
    static String contentScript(String path) {
        return "t=" + Sh.quote(path) + "\n[ -f \"$t\" ] || { echo \"$t: no such file\" >&2; exit 1; }\n" + ENCODE;
    }

    private static final String ENCODE = "if command -v b64encode >/dev/null 2>&1; then b64encode -r drover < \"$t\"; "
            + "else base64 < \"$t\"; fi\n";

    /** Parses {@link #readScript}'s output; anything else (a failed shell, no sha1) throws. */
    static State parse(ExecResult r) {
        String out = r.stdout();
        byte[] content = null;
        int mark = out.indexOf(CONTENT_MARK + "\n");
        if (mark >= 0) {
            content = decode(out.substring(mark + CONTENT_MARK.length() + 1));
            out = out.substring(0, mark);
        }
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                kv.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        String state = kv.get("state");
        if (!r.ok() || state == null) {
            throw new IllegalStateException("cannot read the file: " + (r.timedOut() ? "timed out"
                    : (r.stderr() + r.stdout()).strip()));
        }
        return switch (state) {
            case "absent" -> new State(Kind.ABSENT, null, 0, null);
            case "directory" -> new State(Kind.DIRECTORY, null, 0, null);
            case "unreadable" -> new State(Kind.UNREADABLE, null, 0, null);
            case "file" -> file(kv, content, r);
            default -> throw new IllegalStateException("unexpected answer from the host: " + state);
        };
    }

    private static State file(Map<String, String> kv, byte[] content, ExecResult r) {
        String sha1 = kv.getOrDefault("sha1", "").trim().toLowerCase();
        String size = kv.getOrDefault("size", "").trim();
        if (!sha1.matches("[0-9a-f]{40}") || !size.matches("\\d+")) {
            throw new IllegalStateException("cannot checksum the file: " + r.stderr().strip());
        }
        return new State(Kind.FILE, sha1, Long.parseLong(size), content);
    }

    /** base64 text (line breaks allowed) to bytes. */
    static byte[] decode(String text) {
        return Base64.getMimeDecoder().decode(text.strip().getBytes(StandardCharsets.US_ASCII));
    }
}
