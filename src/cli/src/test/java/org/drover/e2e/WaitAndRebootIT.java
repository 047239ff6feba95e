package org.drover.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.drover.cli.ExitCodes;
import org.drover.testbed.Backend;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * wait_for polling on the host (a port a late service opens, a port nobody opens, a file that appears), then a
 * reboot: the simulated host's SSH server goes down and comes back with a new boot time, and the run goes on.
 */
class WaitAndRebootIT {
    private static final String PLAYBOOK = """
            - hosts: labs
              gather_facts: false
              tasks:
                - name: a service that answers with a banner
                  copy:
                    dest: /tmp/srv.py
                    content: |
                      import socket
                      s = socket.socket()
                      s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                      s.bind(("127.0.0.1", PORT))
                      s.listen(5)
                      while True:
                          c, _ = s.accept()
                          c.sendall(b"ready v2\\n")
                          c.close()
                - name: started late
                  shell: (sleep 2; exec python3 /tmp/srv.py) >/dev/null 2>&1 &
                - name: wait for the port
                  wait_for: { port: PORT, delay: 1, timeout: 30, search_regex: 'ready v([0-9]+)' }
                  register: w
                - name: waited, and read its banner
                  assert:
                    that:
                      - w.elapsed >= 1
                      - w.match_groups == ['2']
                      - w.state == 'started' and w.port == PORT
                      - w is not changed
                - name: a port nobody opens
                  ansible.builtin.wait_for: { port: CLOSED, timeout: 2 }
                  register: never
                  ignore_errors: true
                - name: it timed out, as Ansible says it
                  assert:
                    that:
                      - never is failed
                      - never.msg == 'Timeout when waiting for 127.0.0.1:CLOSED'
                      - never.elapsed >= 2
                - name: a file that appears
                  shell: (sleep 1; echo 'state=up' > /tmp/flag) >/dev/null 2>&1 &
                - name: wait for its content
                  wait_for: { path: /tmp/flag, search_regex: 'state=(?P<s>[a-z]+)', timeout: 20 }
                  register: f
                - assert: { that: [ "f.match_groupdict.s == 'up'", "f.match_groups == ['up']" ] }
                - name: boot time before
                  command: sysctl -n kern.boottime
                  register: b1
                - name: reboot
                  ansible.builtin.reboot: { reboot_timeout: 60, msg: "drover test" }
                  register: rb
                - name: boot time after
                  command: sysctl -n kern.boottime
                  register: b2
                - name: a new boot, and the run went on
                  assert:
                    that:
                      - rb.rebooted and rb is changed
                      - b1.stdout != b2.stdout
                - name: the connection again
                  wait_for_connection: { timeout: 30 }
                  register: wc
                - assert: { that: [ wc.elapsed >= 0, wc is not changed ] }
            """;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void waitsOnTheHostAndSurvivesAReboot(Backend backend, @TempDir Path dir) throws Exception {
        try (Lab lab = Lab.start(backend, 1)) {
            String h = lab.hosts.get(0);
            int port;
            int closed;
            try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
                port = a.getLocalPort();
                closed = b.getLocalPort();
            }
            Path book = dir.resolve("wait.yml");
            Files.writeString(book, PLAYBOOK.replace("PORT", String.valueOf(port))
                    .replace("CLOSED", String.valueOf(closed)), StandardCharsets.UTF_8);
            Lab.Run run = lab.play(book);
            assertThat(run.exit()).as("%s", run).isEqualTo(ExitCodes.CHANGED);
            assertThat(run.recap(h, "failed")).as("%s", run).isZero();
            assertThat(run.recap(h, "unreachable")).as("%s", run).isZero();
            assertThat(run.result(h, "wait for the port").execs()).as("one round trip: %s", run).isEqualTo(1);
            assertThat(run.result(h, "a new boot, and the run went on").status()).isEqualTo("ok");
        }
    }
}
