package org.drover.module.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AuthorizedKeysTest {
    static final String A = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAaaa alice@laptop";
    static final String B = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABbbb bob";

    static AuthorizedKeyModule.Desired want(String key, boolean present, String options, boolean exclusive) {
        return new AuthorizedKeyModule.Desired("alice", key, null, true, present, options, exclusive, null);
    }

    @Test
    void adds_a_key_as_ansible_writes_it() {
        assertThat(AuthorizedKeys.enforce("", want(A, true, null, false))).isEqualTo(A + "\n");
        assertThat(AuthorizedKeys.enforce(B + "\n", want(A, true, null, false))).isEqualTo(B + "\n" + A + "\n");
        // no comment: Ansible still writes the space before the (empty) comment
        assertThat(AuthorizedKeys.enforce("", want("ssh-ed25519 AAAAkey", true, null, false)))
                .isEqualTo("ssh-ed25519 AAAAkey \n");
    }

    @Test
    void a_key_already_there_changes_nothing() {
        assertThat(AuthorizedKeys.enforce("# mine\n" + A + "\n", want(A, true, null, false))).isNull();
        assertThat(AuthorizedKeys.enforce("no-pty " + A + "\n", want(A, true, "no-pty", false))).isNull();
    }

    @Test
    void a_key_with_other_options_is_rewritten_at_the_end() {
        String file = "from=\"10.0.0.1\",no-pty " + A + "\n" + B + "\n";
        assertThat(AuthorizedKeys.enforce(file, want(A, true, null, false))).isEqualTo(B + "\n" + A + "\n");
        assertThat(AuthorizedKeys.enforce(file, want(A, true, "no-pty,from=\"10.0.0.1\"", false))).isNull();
        assertThat(AuthorizedKeys.enforce(file, want(A, true, "command=\"/bin/a b\",no-pty", false)))
                .isEqualTo(B + "\n" + "command=\"/bin/a b\",no-pty " + A + "\n");
    }

    @Test
    void exclusive_removes_every_other_line() {
        String file = "# keys\n" + B + "\n" + A + "\n\n";
        assertThat(AuthorizedKeys.enforce(file, want(A, true, null, true))).isEqualTo(A + "\n");
        assertThat(AuthorizedKeys.enforce(A + "\n", want(A, true, null, true))).isNull();
    }

    @Test
    void absent_removes_by_blob_whatever_the_options() {
        String file = "no-pty " + A + "\n" + B + "\n";
        assertThat(AuthorizedKeys.enforce(file, want("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAaaa", false, null, false)))
                .isEqualTo(B + "\n");
        assertThat(AuthorizedKeys.enforce(B + "\n", want(A, false, null, false))).isNull();
    }

    @Test
    void several_keys_at_once_and_invalid_lines() {
        assertThat(AuthorizedKeys.enforce("", want(A + "\n# comment\n\n" + B + "\n", true, null, false)))
                .isEqualTo(A + "\n" + B + "\n");
        assertThatThrownBy(() -> AuthorizedKeys.enforce("", want("not a key", true, null, false)))
                .hasMessage("invalid key specified: not a key");
    }

    @Test
    void options_parse_like_ansible() {
        var o = AuthorizedKeys.parseOptions("no-pty,command=\"a,b\",from='x'");
        assertThat(o.keySet()).containsExactly("no-pty", "command", "from");
        assertThat(o.get("no-pty")).isNull();
        assertThat(o.get("command")).isEqualTo("\"a,b\"");
        assertThat(o.get("from")).isEqualTo("'x'");
    }
}
