package org.drover.yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The front end's bounds, so that no input file can hang drover or exhaust its memory or stack: each is far
 * beyond what a real playbook, inventory or vars file needs, and going past one is a load error with a location.
 * Files are read only when they are regular files (a FIFO or a device is refused before it is opened).
 */
public final class Limits {
    /** Bytes of one file. */
    public static final int MAX_FILE_BYTES = 16 << 20;
    /** Characters of one line. */
    public static final int MAX_LINE = 1 << 20;
    /** Collections nested in one another in one YAML document. */
    public static final int MAX_DEPTH = 100;
    /** Values of a document once its aliases are expanded (an alias bomb). */
    public static final long MAX_NODES = 1_000_000;
    /** Aliases of collections in one document. */
    public static final int MAX_ALIASES = 200;
    /** Errors printed for one run; the rest are counted. */
    public static final int MAX_ERRORS = 100;

    private static final char BOM = '\uFEFF';

    private Limits() {}

    /** A user's file as UTF-8 text, its byte order mark removed; refused unless a regular file within the limits. */
    public static String read(Path file) {
        SourceMark at = new SourceMark(file.toString(), 0, 0);
        if (Files.isDirectory(file)) {
            throw new LoadException(at, "is a directory, not a file");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new LoadException(at, "not a regular file (a FIFO, a device or a socket): not read");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new LoadException(at, "file not found");
        } catch (IOException e) {
            throw new LoadException(at, "cannot read: " + e.getMessage());
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new LoadException(at, "file larger than " + (MAX_FILE_BYTES >> 20) + " MiB: not loaded");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new LoadException(at, "not UTF-8 text");
        }
        return checked(text, file.toString());
    }

    /** The text without its byte order mark; refused when too large or a line is too long. */
    public static String checked(String text, String label) {
        String t = !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
        if (t.length() > MAX_FILE_BYTES) {
            throw new LoadException(new SourceMark(label, 0, 0), "text larger than " + (MAX_FILE_BYTES >> 20)
                    + " MiB: not loaded");
        }
        int line = 1;
        int start = 0;
        for (int i = 0; i <= t.length(); i++) {
            if (i == t.length() || t.charAt(i) == '\n') {
                if (i - start > MAX_LINE) {
                    throw new LoadException(new SourceMark(label, line, MAX_LINE + 1), "line longer than "
                            + MAX_LINE + " characters: not loaded");
                }
                line++;
                start = i + 1;
            }
        }
        return t;
    }
}
