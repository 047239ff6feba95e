package org.drover.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JailConnectionTest {
    /** Records requests; answers with a fixed result. */
    static final class Recording implements Connection {
        final List<ExecRequest> requests = new ArrayList<>();
        ExecResult answer = ExecResult.of(0, "ok\n", "");
        boolean closed;

        @Override
        public ExecResult exec(ExecRequest request) {
            requests.add(request);
            return answer;
        }

        @Override
        public String host() {
            return "lab01";
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void runsTheScriptThroughJexecOnTheHostsConnectionWithTheEnvironmentInside() throws IOException {
        Recording host = new Recording();
        JailConnection jail = new JailConnection(host, "webserver");
        ExecRequest req = new ExecRequest("echo $X", "in".getBytes(), java.time.Duration.ofSeconds(5), null,
                Map.of("X", "a b"));
        assertThat(jail.exec(req).stdout()).isEqualTo("ok\n");
        ExecRequest sent = host.requests.get(0);
        assertThat(sent.script()).startsWith("jexec webserver /bin/sh -c 'LC_ALL=C; PATH=")
                .contains("X='\\''a b'\\''; export X").endsWith("echo $X'");
        assertThat(sent.env()).isEmpty();
        assertThat(sent.stdin()).isEqualTo("in".getBytes());
        assertThat(sent.timeout()).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(sent.become()).isNull();
        assertThat(jail.host()).isEqualTo("lab01");
        jail.close();
        assertThat(host.closed).as("the host's connection outlives the jail").isFalse();
    }

    @Test
    void becomeRunsJexecAsRootOnTheHostAndTheUserInsideTheJail() throws IOException {
        Recording host = new Recording();
        char[] pw = "s3cret".toCharArray();
        new JailConnection(host, "db").exec(ExecRequest.of("id").withBecome(new Become(Become.Method.DOAS, "postgres", pw)));
        ExecRequest sent = host.requests.get(0);
        assertThat(sent.script()).startsWith("jexec -U postgres db /bin/sh -c ");
        assertThat(sent.become().user()).isEqualTo("root");
        assertThat(sent.become().method()).isEqualTo(Become.Method.DOAS);
        assertThat(sent.become().password()).isSameAs(pw);

        new JailConnection(host, "db").exec(ExecRequest.of("id").withBecome(new Become(Become.Method.SUDO, "root", null)));
        assertThat(host.requests.get(1).script()).startsWith("jexec db /bin/sh -c ");
    }

    @Test
    void jexecsOwnErrorForAMissingJailIsAnExceptionNamingJailAndHost() {
        Recording host = new Recording();
        // the text of the sample jls-j-not-found-error.txt, as jexec prints it (same libjail message through errx)
        host.answer = ExecResult.of(1, "", "jexec: jail \"webserver\" not found\n");
        assertThatThrownBy(() -> new JailConnection(host, "webserver").exec(ExecRequest.of("true")))
                .isInstanceOf(JailConnection.JailUnavailableException.class)
                .hasMessageContaining("jail webserver is not running on lab01");
    }

    @Test
    void theSameTextFromTheScriptWithAnotherStatusOrJailIsTheScriptsOwnResult() throws IOException {
        Recording host = new Recording();
        host.answer = ExecResult.of(2, "", "jexec: jail \"webserver\" not found\n");
        assertThat(new JailConnection(host, "webserver").exec(ExecRequest.of("x")).exitStatus()).isEqualTo(2);
        host.answer = ExecResult.of(1, "", "jexec: jail \"other\" not found\n");
        assertThat(new JailConnection(host, "webserver").exec(ExecRequest.of("x")).exitStatus()).isEqualTo(1);
        host.answer = ExecResult.of(1, "", "jexec: jail 7 not found\n");
        assertThatThrownBy(() -> new JailConnection(host, "7").exec(ExecRequest.of("x")))
                .isInstanceOf(JailConnection.JailUnavailableException.class);
    }

    @Test
    void namesAreCheckedBeforeTheyReachJexec() {
        assertThat(JailConnection.nameProblem("webserver")).isNull();
        assertThat(JailConnection.nameProblem("web-1_a")).isNull();
        assertThat(JailConnection.nameProblem("parent.child")).isNull();
        assertThat(JailConnection.nameProblem("12")).isNull();
        assertThat(JailConnection.nameProblem("-U")).contains("not a jail name");
        assertThat(JailConnection.nameProblem(".hidden")).contains("not a jail name");
        assertThat(JailConnection.nameProblem("a b")).contains("not a jail name");
        assertThat(JailConnection.nameProblem("a;reboot")).contains("not a jail name");
        assertThat(JailConnection.nameProblem("a\nb")).contains("'a?b'");
        assertThat(JailConnection.nameProblem("")).contains("empty");
        assertThat(JailConnection.nameProblem("x".repeat(256))).contains("255");
        assertThatThrownBy(() -> new JailConnection(new Recording(), "-l"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
