package org.drover.module.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetchTargetTest {
    @TempDir
    Path base;

    @Test
    void ansibles_layout_dest_host_src() {
        assertThat(FetchTarget.resolve(base, "backups", "web1", "/etc/rc.conf", false))
                .isEqualTo(base.resolve("backups/web1/etc/rc.conf"));
        assertThat(FetchTarget.resolve(base, "/srv/b/", "web1", "var/log/x", false))
                .isEqualTo(Path.of("/srv/b/web1/var/log/x"));
    }

    @Test
    void flat_is_dest_itself_or_dest_slash_basename() throws Exception {
        assertThat(FetchTarget.resolve(base, "out/rc.conf", "web1", "/etc/rc.conf", true))
                .isEqualTo(base.resolve("out/rc.conf"));
        assertThat(FetchTarget.resolve(base, "out/", "web1", "/etc/rc.conf", true))
                .isEqualTo(base.resolve("out/rc.conf"));
        Files.createDirectories(base.resolve("existing"));
        assertThatThrownBy(() -> FetchTarget.resolve(base, "existing", "web1", "/etc/rc.conf", true))
                .hasMessage("dest is an existing directory, use a trailing slash if you want to fetch src into "
                        + "that directory");
        assertThatThrownBy(() -> FetchTarget.resolve(base, "out/", "web1", "/etc/..", true))
                .hasMessageContaining("names no file");
    }

    @Test
    void a_path_leaving_dest_is_refused() {
        assertThatThrownBy(() -> FetchTarget.resolve(base, "b", "web1", "../../etc/passwd", false))
                .hasMessageContaining("outside");
        assertThatThrownBy(() -> FetchTarget.resolve(base, "b", "web1", "/etc/../../web2/x", false))
                .hasMessageContaining("outside");
        assertThatThrownBy(() -> FetchTarget.resolve(base, "b", "../x", "/etc/rc.conf", false))
                .hasMessageContaining("not a directory name");
        assertThatThrownBy(() -> FetchTarget.resolve(base, "b", "web1", "/", false))
                .hasMessageContaining("outside");
        // '..' that stays inside is normalised, as Ansible does
        assertThat(FetchTarget.resolve(base, "b", "web1", "/etc/x/../rc.conf", false))
                .isEqualTo(base.resolve("b/web1/etc/rc.conf"));
    }
}
