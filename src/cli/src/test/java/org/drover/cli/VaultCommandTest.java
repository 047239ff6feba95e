package org.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** drover vault against files ansible-vault wrote (src/core/src/test/resources/vault, see its README). */
class VaultCommandTest {
    static final Path VECTORS = Path.of(System.getProperty("drover.root", "../.."), "src/core/src/test/resources/vault");
    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    Path passwordFile(String content) throws Exception {
        Path p = dir.resolve("pw");
        Files.writeString(p, content);
        return p;
    }

    @Test
    void viewsAFileAnsibleVaultEncrypted() throws Exception {
        Path pw = passwordFile("correct horse\n"); // the trailing newline is stripped, as Ansible strips it
        assertThat(run("vault", "view", "--vault-password-file", pw.toString(), VECTORS.resolve("enc11.yml").toString()))
                .isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).isEqualTo(Files.readString(VECTORS.resolve("plain.yml")));
    }

    @Test
    void encryptsInPlaceAndDecryptsBack() throws Exception {
        Path pw = passwordFile("correct horse");
        Path f = dir.resolve("secrets.yml");
        Files.writeString(f, "token: abc\n");
        assertThat(run("vault", "encrypt", "--vault-id", "prod@" + pw, f.toString())).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(f)).startsWith("$ANSIBLE_VAULT;1.2;AES256;prod\n").doesNotContain("abc");
        assertThat(err.toString()).contains("Encryption successful");

        assertThat(run("vault", "encrypt", "--vault-id", "prod@" + pw, f.toString())).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).contains("ERROR! input is already encrypted");

        assertThat(run("vault", "decrypt", "--vault-password-file", pw.toString(), f.toString())).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(f)).isEqualTo("token: abc\n");
    }

    @Test
    void aPasswordScriptIsRunAndAWrongPasswordIsOneLine() throws Exception {
        Path script = dir.resolve("pw.sh");
        Files.writeString(script, "#!/bin/sh\necho 'correct horse'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        assertThat(run("vault", "view", "--vault-password-file", script.toString(),
                VECTORS.resolve("enc12.yml").toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("db_password: s3cret");

        Path wrong = passwordFile("nope");
        assertThat(run("vault", "view", "--vault-password-file", wrong.toString(),
                VECTORS.resolve("enc11.yml").toString())).isEqualTo(ExitCodes.ERROR);
        assertThat(err.toString()).isEqualTo("ERROR! Decryption failed (no vault secrets were found that could "
                + "decrypt)\n");
    }

    @Test
    void encryptStringPrintsAYamlValueAnsibleReads() throws Exception {
        Path pw = passwordFile("correct horse");
        assertThat(run("vault", "encrypt_string", "--vault-password-file", pw.toString(), "--name", "db_pass",
                "hunter2")).isEqualTo(ExitCodes.OK);
        String printed = out.toString();
        assertThat(printed).startsWith("db_pass: !vault |\n          $ANSIBLE_VAULT;1.1;AES256\n          ");
        // the shape ansible-vault encrypt_string prints: every line after the first indented by 10
        assertThat(printed.lines().skip(1)).allMatch(l -> l.startsWith("          ") && l.length() <= 90);
        String envelope = String.join("\n", printed.lines().skip(1).map(String::strip).toList());
        Path f = dir.resolve("one.vault");
        Files.writeString(f, envelope);
        out.getBuffer().setLength(0);
        assertThat(run("vault", "view", "--vault-password-file", pw.toString(), f.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).isEqualTo("hunter2");
    }

    @Test
    void vaultedVarsFilesAndInlineValuesAreDecryptedWhereverYamlIsLoaded() throws Exception {
        Path pw = passwordFile("correct horse");
        Path inv = Files.createDirectories(dir.resolve("inv"));
        Files.writeString(inv.resolve("hosts.yml"), "all:\n  hosts:\n    db1:\n      api_token: "
                + Files.readString(VECTORS.resolve("string.yml")).substring("db_pass: ".length()).replace("\n", "\n  ")
                + "\n");
        Files.createDirectories(inv.resolve("group_vars"));
        Files.copy(VECTORS.resolve("enc12.yml"), inv.resolve("group_vars/all.yml"));
        try {
            assertThat(run("inventory", "-i", inv.toString(), "--host", "db1", "--vault-id", "prod@" + pw))
                    .as(err.toString()).isEqualTo(ExitCodes.OK);
            assertThat(out.toString()).contains("\"api_token\": \"hunter2\"", "\"db_password\": \"s3cret\"",
                    "\"port\": 5432");

            // without a password the load fails at the vaulted file, saying how to give one
            assertThat(run("inventory", "-i", inv.toString(), "--host", "db1")).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(err.toString()).contains("group_vars/all.yml:1:1: Attempting to decrypt but no vault secrets "
                    + "found (the data names vault id 'prod'): give one with --vault-password-file FILE");
        } finally {
            org.drover.vault.Vault.use(org.drover.vault.Vault.none());
        }
    }
}
