package org.drover.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Cross-tool vectors in src/core/src/test/resources/vault (see its README): files encrypted by ansible-vault 2.14
 * that drover must decrypt, and drover's own output under a fixed salt, which ansible-vault decrypted when recorded.
 */
class VaultTest {
    static final VaultSecret HORSE = new VaultSecret("default", "correct horse".getBytes(StandardCharsets.UTF_8));
    static final VaultSecret PROD = new VaultSecret("prod", "correct horse".getBytes(StandardCharsets.UTF_8));
    static final VaultSecret WRONG = new VaultSecret("default", "battery staple".getBytes(StandardCharsets.UTF_8));

    static String resource(String name) throws IOException {
        try (InputStream in = VaultTest.class.getResourceAsStream("/vault/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void decryptsWhatAnsibleVaultEncrypted() throws Exception {
        String plain = resource("plain.yml");
        assertThat(new Vault(List.of(HORSE)).decryptString(resource("enc11.yml"))).isEqualTo(plain);
        // a 1.2 envelope names its vault id: that secret is tried first, a wrong one before it does no harm
        assertThat(new Vault(List.of(WRONG, PROD)).decryptString(resource("enc12.yml"))).isEqualTo(plain);
        assertThat(new Vault(List.of(HORSE)).decryptString(resource("empty.yml"))).isEmpty();
        VaultSecret unicode = new VaultSecret("default", "ünïcødé password".getBytes(StandardCharsets.UTF_8));
        assertThat(new Vault(List.of(unicode)).decryptString(resource("unicode-password.yml"))).isEqualTo("x: 1\n");
    }

    @Test
    void decryptsAnInlineValueOfEncryptString() throws Exception {
        String yaml = resource("string.yml");
        String envelope = yaml.lines().skip(1).map(String::strip).collect(Collectors.joining("\n"));
        assertThat(new Vault(List.of(HORSE)).decryptString(envelope)).isEqualTo("hunter2");
    }

    @Test
    void aWrongOrMissingPasswordSaysSo() throws Exception {
        assertThatThrownBy(() -> new Vault(List.of(WRONG)).decrypt(resource("enc12.yml")))
                .isInstanceOf(VaultException.class)
                .hasMessage("Decryption failed (no vault secrets were found that could decrypt): the data names vault"
                        + " id 'prod'");
        assertThatThrownBy(() -> Vault.none().decrypt(resource("enc11.yml")))
                .hasMessageStartingWith("Attempting to decrypt but no vault secrets found: give one with "
                        + "--vault-password-file FILE");
        assertThatThrownBy(() -> new Vault(List.of(HORSE)).decrypt("$ANSIBLE_VAULT;1.1;AES256\nzz\n"))
                .hasMessageContaining("not hexadecimal");
        assertThatThrownBy(() -> new Vault(List.of(HORSE)).decrypt("$ANSIBLE_VAULT;1.0;AES\n00\n"))
                .hasMessageContaining("vault format 1.0 is not supported");
    }

    @Test
    void encryptsByteForByteAsRecordedAndAnsibleVaultReadsIt() throws Exception {
        byte[] salt = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        String plain = resource("plain.yml");
        assertThat(Vault.encrypt(plain.getBytes(StandardCharsets.UTF_8), HORSE, salt))
                .isEqualTo(resource("drover-encrypted-11.yml"));
        assertThat(Vault.encrypt(plain.getBytes(StandardCharsets.UTF_8), PROD, salt))
                .isEqualTo(resource("drover-encrypted-12.yml"));
    }

    @Test
    void aFreshEncryptionUsesARandomSaltAndRoundTrips() {
        Vault v = new Vault(List.of(HORSE, PROD));
        String a = v.encrypt("same".getBytes(StandardCharsets.UTF_8), null);
        String b = v.encrypt("same".getBytes(StandardCharsets.UTF_8), null);
        assertThat(a).isNotEqualTo(b).startsWith("$ANSIBLE_VAULT;1.1;AES256\n");
        assertThat(v.decryptString(b)).isEqualTo("same");
        assertThat(v.encrypt(new byte[0], "prod")).startsWith("$ANSIBLE_VAULT;1.2;AES256;prod\n");
        assertThat(v.toString()).doesNotContain("horse");
    }

    @Test
    void pbkdf2MatchesRfc7914Vector() {
        // RFC 7914 section 11: PBKDF2-HMAC-SHA256, P="passwd", S="salt", c=1 is covered by the JDK; this is the
        // c=10000-style check against Python's hashlib.pbkdf2_hmac('sha256', b'password', b'salt', 4096, 32)
        assertThat(HexFormat.of().formatHex(VaultCipher.pbkdf2("password".getBytes(), "salt".getBytes(), 32, 4096)))
                .isEqualTo("c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a");
    }
}
