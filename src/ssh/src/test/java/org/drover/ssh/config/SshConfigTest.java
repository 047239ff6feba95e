package org.drover.ssh.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ssh_config(5) as OpenSSH's ssh reads it; expectations checked with `ssh -G HOST -F FILE` (OpenSSH 9.2). */
class SshConfigTest {
    static final List<String> CONFIG = """
            # global settings come first only when written first
            Host web* !web-legacy
                HostName %h.lab.example.net
                User deploy
                IdentityFile ~/.ssh/lab_ed25519
            Host web1
                Port 2222
                User nobody-wins-second
            Host *.example.net db?
                Port=2200
                IdentityFile "~/.ssh/with space"
            Match host web1.lab.example.net
                ProxyJump bastion
            Match exec "test -f /etc/x"
                User exec-user
            Host *
                User fallback
                ServerAliveInterval 30
            """.lines().toList();

    @Test
    void theFirstValueWinsAndIdentityFilesAccumulate() {
        HostOptions o = SshConfig.parse("config", CONFIG).forHost("web1");
        assertThat(o.get("hostname")).contains("web1.lab.example.net");
        assertThat(o.get("user")).contains("deploy");
        assertThat(o.get("port")).contains("2222");
        assertThat(o.all("identityfile")).containsExactly("~/.ssh/lab_ed25519");
        assertThat(o.get("serveraliveinterval")).contains("30");
        // Match host matches the HostName set so far
        assertThat(o.get("proxyjump")).contains("bastion");
        assertThat(o.origin()).containsEntry("user", "config:4");
    }

    @Test
    void negationExcludesAndPatternsAreCaseInsensitive() {
        HostOptions legacy = SshConfig.parse("config", CONFIG).forHost("WEB-legacy");
        assertThat(legacy.get("hostname")).isEmpty();
        assertThat(legacy.get("user")).contains("fallback");

        HostOptions db = SshConfig.parse("config", CONFIG).forHost("db1");
        assertThat(db.get("port")).contains("2200");
        assertThat(db.all("identityfile")).containsExactly("~/.ssh/with space");
        assertThat(db.get("proxyjump")).isEmpty();
    }

    @Test
    void anUnsupportedMatchIsSkippedWithAWarningNamingTheLine() {
        SshConfig c = SshConfig.parse("config", CONFIG);
        assertThat(c.forHost("other").get("user")).contains("fallback");
        assertThat(c.warnings()).containsExactly("config:14: 'Match exec test -f /etc/x' is not supported by "
                + "drover (only Match all, host and originalhost): the block is ignored");
    }

    @Test
    void noneUnsetsAndEarlierOptionsWin() {
        SshConfig file = SshConfig.parse("config", List.of("Host *", "  ProxyJump gw", "  User file"));
        SshConfig withO = file.withFirst(SshConfig.parse("-o", List.of("ProxyJump=none", "Port 2022")));
        HostOptions o = withO.forHost("x");
        assertThat(o.isNone("proxyjump")).isTrue();
        assertThat(o.get("proxyjump")).isEmpty();
        assertThat(o.get("port")).contains("2022");
        assertThat(o.get("user")).contains("file");
    }

    @Test
    void wordsFollowSshConfigQuotingAndEquals() {
        assertThat(SshConfig.words("  IdentityFile \"/a b/c\"  # key")).containsExactly("IdentityFile", "/a b/c");
        assertThat(SshConfig.words("Port=22")).containsExactly("Port", "22");
        assertThat(SshConfig.words("Port = 22")).containsExactly("Port", "22");
        assertThat(SshConfig.words("# only a comment")).isEmpty();
    }

    @Test
    void includesAreReadInPlaceInLexicalOrder(@TempDir Path home) throws Exception {
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        Files.createDirectories(ssh.resolve("conf.d"));
        Files.writeString(ssh.resolve("conf.d/20-b.conf"), "Host b\n  User from-b\n");
        Files.writeString(ssh.resolve("conf.d/10-a.conf"), "Host a b\n  User from-a\n");
        Files.writeString(ssh.resolve("config"), "Include conf.d/*.conf\nHost *\n  User last\n");
        SshConfig c = SshConfig.load(ssh.resolve("config"), ssh);
        assertThat(c.forHost("b").get("user")).contains("from-a");
        assertThat(c.forHost("z").get("user")).contains("last");
        assertThat(SshConfig.load(ssh.resolve("missing"), ssh).forHost("b").values()).isEmpty();
    }
}
