package org.drover.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.drover.vault.Vault;
import org.drover.vault.VaultException;
import org.drover.vault.VaultSecret;
import picocli.CommandLine.Option;

/** The vault password options, as ansible-playbook and ansible-vault take them; a mixin of play and vault. */
public final class VaultOptions {
    /** Ansible's environment variable for a default password file. */
    static final String ENV_FILE = "ANSIBLE_VAULT_PASSWORD_FILE";

    @Option(names = "--vault-password-file", paramLabel = "FILE",
            description = "Vault password file (an executable one is run and its output used); repeatable.")
    List<Path> passwordFiles = new ArrayList<>();

    @Option(names = "--vault-id", paramLabel = "[ID@]SOURCE",
            description = "Vault id and password source: a file, an executable, or 'prompt'; repeatable.")
    List<String> ids = new ArrayList<>();

    @Option(names = {"-J", "--ask-vault-pass", "--ask-vault-password"}, description = "Ask for the vault password.")
    boolean ask;

    /** The vault of the given options (and ANSIBLE_VAULT_PASSWORD_FILE when none is given). */
    Vault vault() throws IOException {
        List<VaultSecret> secrets = new ArrayList<>();
        for (String id : ids) {
            int at = id.indexOf('@');
            String label = at < 0 ? VaultSecret.DEFAULT_ID : id.substring(0, at);
            String source = at < 0 ? id : id.substring(at + 1);
            secrets.add(source.equals("prompt") ? prompt(label) : fromFile(label, Path.of(source)));
        }
        for (Path f : passwordFiles) {
            secrets.add(fromFile(VaultSecret.DEFAULT_ID, f));
        }
        if (ask) {
            secrets.add(prompt(VaultSecret.DEFAULT_ID));
        }
        String env = System.getenv(ENV_FILE);
        if (secrets.isEmpty() && env != null && !env.isBlank()) {
            secrets.add(fromFile(VaultSecret.DEFAULT_ID, Path.of(env)));
        }
        return new Vault(secrets);
    }

    /** A password file's content, or an executable's output, stripped as Ansible strips it. */
    static VaultSecret fromFile(String label, Path file) throws IOException {
        byte[] raw;
        if (Files.isExecutable(file) && Files.isRegularFile(file)) {
            Process p = new ProcessBuilder(file.toAbsolutePath().toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            raw = p.getInputStream().readAllBytes();
            try {
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new VaultException("Problem running vault password script " + file + " (exit "
                            + (p.isAlive() ? "none: it ran over 60 s" : p.exitValue()) + ")");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + file, e);
            }
        } else {
            try {
                raw = strip(Files.readAllBytes(file), " \t\n\r\f\u000b");
            } catch (IOException e) {
                throw new IOException("Could not read vault password file " + file + ": " + e.getMessage(), e);
            }
        }
        byte[] password = strip(raw, "\r\n");
        if (password.length == 0) {
            throw new VaultException("Invalid vault password was provided from file (" + file + ")");
        }
        return new VaultSecret(label, password);
    }

    private static VaultSecret prompt(String label) {
        java.io.Console console = System.console();
        if (console == null) {
            throw new VaultException("--ask-vault-pass needs a terminal; use --vault-password-file instead");
        }
        char[] pw = console.readPassword(label.equals(VaultSecret.DEFAULT_ID) ? "Vault password: "
                : "Vault password (" + label + "): ");
        byte[] bytes = new String(pw).getBytes(StandardCharsets.UTF_8);
        Arrays.fill(pw, '\0');
        return new VaultSecret(label, bytes);
    }

    /** Python's bytes.strip(chars): the given bytes removed from both ends. */
    static byte[] strip(byte[] b, String chars) {
        int from = 0;
        int to = b.length;
        while (from < to && chars.indexOf(b[from]) >= 0) {
            from++;
        }
        while (to > from && chars.indexOf(b[to - 1]) >= 0) {
            to--;
        }
        return Arrays.copyOfRange(b, from, to);
    }
}
