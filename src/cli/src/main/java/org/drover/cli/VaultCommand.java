package org.drover.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.drover.vault.Vault;
import org.drover.vault.VaultException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drover vault}: ansible-vault's everyday actions, reading and writing the same files. */
@Command(name = "vault", mixinStandardHelpOptions = true,
        description = "Encrypt, decrypt and view Ansible Vault files and strings (compatible with ansible-vault).",
        subcommands = {VaultCommand.Encrypt.class, VaultCommand.Decrypt.class, VaultCommand.View.class,
            VaultCommand.EncryptString.class},
        footer = {"", "Examples:",
            "  drover vault encrypt --vault-password-file ~/.vault_pass group_vars/all/secrets.yml",
            "  drover vault encrypt_string --vault-id prod@prompt --name db_password 's3cret'",
            "  drover vault view --vault-password-file ~/.vault_pass group_vars/all/secrets.yml"})
public final class VaultCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** Runs an action; a vault or file problem is one line and exit 1, as ansible-vault exits. */
    abstract static class Action implements Callable<Integer> {
        @Mixin
        VaultOptions options;
        @Spec
        CommandSpec spec;

        abstract void run(Vault vault) throws IOException;

        @Override
        public Integer call() {
            try {
                run(options.vault());
                return ExitCodes.OK;
            } catch (IOException | VaultException e) {
                spec.commandLine().getErr().println("ERROR! " + e.getMessage());
                spec.commandLine().getErr().flush();
                return ExitCodes.ERROR;
            }
        }

        void print(String s) {
            spec.commandLine().getOut().print(s);
            spec.commandLine().getOut().flush();
        }

        void note(String s) {
            spec.commandLine().getErr().println(s);
            spec.commandLine().getErr().flush();
        }
    }

    @Command(name = "encrypt", mixinStandardHelpOptions = true, description = "Encrypt files in place (or to --output).")
    static final class Encrypt extends Action {
        @Option(names = "--encrypt-vault-id", paramLabel = "ID", description = "The vault id to encrypt with.")
        String encryptId;
        @Option(names = "--output", paramLabel = "FILE", description = "Write here ('-' for stdout) instead.")
        String output;
        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Files to encrypt ('-' for stdin).")
        List<String> files;

        @Override
        void run(Vault vault) throws IOException {
            for (String f : files) {
                byte[] plain = read(f);
                if (Vault.isVaulted(new String(plain, StandardCharsets.ISO_8859_1))) {
                    throw new VaultException("input is already encrypted: " + f);
                }
                write(output != null ? output : f, vault.encrypt(plain, encryptId).getBytes(StandardCharsets.US_ASCII));
            }
            note("Encryption successful");
        }

        private void write(String target, byte[] data) throws IOException {
            if (target.equals("-")) {
                print(new String(data, StandardCharsets.US_ASCII));
            } else {
                Files.write(Path.of(target), data);
            }
        }
    }

    @Command(name = "decrypt", mixinStandardHelpOptions = true, description = "Decrypt files in place (or to --output).")
    static final class Decrypt extends Action {
        @Option(names = "--output", paramLabel = "FILE", description = "Write here ('-' for stdout) instead.")
        String output;
        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Files to decrypt ('-' for stdin).")
        List<String> files;

        @Override
        void run(Vault vault) throws IOException {
            for (String f : files) {
                byte[] plain = vault.decrypt(new String(read(f), StandardCharsets.US_ASCII));
                String target = output != null ? output : f;
                if (target.equals("-")) {
                    print(new String(plain, StandardCharsets.UTF_8));
                } else {
                    Files.write(Path.of(target), plain);
                }
            }
            note("Decryption successful");
        }
    }

    @Command(name = "view", mixinStandardHelpOptions = true, description = "Print the plaintext of vault files.")
    static final class View extends Action {
        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Files to show.")
        List<String> files;

        @Override
        void run(Vault vault) throws IOException {
            for (String f : files) {
                print(vault.decryptString(new String(read(f), StandardCharsets.US_ASCII)));
            }
        }
    }

    @Command(name = "encrypt_string", aliases = "encrypt-string", mixinStandardHelpOptions = true,
            description = "Encrypt a string for a YAML file: prints NAME: !vault | and the vault text.")
    static final class EncryptString extends Action {
        @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "The variable name to print.")
        String name;
        @Option(names = "--encrypt-vault-id", paramLabel = "ID", description = "The vault id to encrypt with.")
        String encryptId;
        @Option(names = {"-p", "--prompt"}, description = "Ask for the string (not echoed).")
        boolean prompt;
        @Parameters(paramLabel = "STRING", arity = "0..1", description = "The string; read from stdin when absent.")
        String plaintext;

        @Override
        void run(Vault vault) throws IOException {
            String text = plaintext;
            if (text == null && prompt) {
                java.io.Console console = System.console();
                if (console == null) {
                    throw new VaultException("--prompt needs a terminal");
                }
                text = new String(console.readPassword("String to encrypt: "));
            } else if (text == null) {
                text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            }
            print(block(name, vault.encrypt(text.getBytes(StandardCharsets.UTF_8), encryptId)));
            note("Encryption successful");
        }

        /** As ansible-vault prints it: the envelope as a literal block, indented by 10. */
        static String block(String name, String envelope) {
            StringBuilder out = new StringBuilder(name != null ? name + ": " : "").append("!vault |\n");
            envelope.lines().forEach(l -> out.append("          ").append(l).append('\n'));
            return out.toString();
        }
    }

    static byte[] read(String f) throws IOException {
        if (f.equals("-")) {
            try (InputStream in = System.in) {
                return in.readAllBytes();
            }
        }
        return Files.readAllBytes(Path.of(f));
    }
}
