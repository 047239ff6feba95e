package org.drover.module.geturl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.drover.module.Plan;
import org.drover.transport.ExecResult;
import org.junit.jupiter.api.Test;

/** get_url's pure planning, on the output its read script prints. */
class GetUrlPlannerTest {
    static final String HEX = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";
    static final String URL = "https://files.example.org/app.tgz";

    private static GetUrlPlanner.Desired want(String checksum, boolean force, String mode) {
        return new GetUrlPlanner.Desired(URL, "/var/tmp/app.tgz",
                checksum == null ? null : GetUrlModule.checksum(checksum), mode, null, null, force, 10, true);
    }

    private static GetUrlPlanner.Current file(String sum) {
        return GetUrlPlanner.parse(ExecResult.of(0, "path=/var/tmp/app.tgz\nstate=file\nstat=644 root wheel\n"
                + (sum == null ? "" : "sum=" + sum + "\n"), ""));
    }

    @Test
    void a_matching_checksum_means_no_download_and_attributes_only() {
        assertThat(GetUrlPlanner.plan(file(HEX), want("sha256:" + HEX, false, null)).changes()).isEmpty();
        Plan p = GetUrlPlanner.plan(file(HEX), want("sha256:" + HEX.toUpperCase(), false, "0600"));
        assertThat(p.changes()).hasSize(1);
        assertThat(p.changes().get(0).commands()).containsExactly("chmod 0600 /var/tmp/app.tgz");
    }

    @Test
    void a_checksum_mismatch_replaces_and_verifies_before_the_rename() {
        Plan p = GetUrlPlanner.plan(file("00" + HEX.substring(2)), want("sha256:" + HEX, false, null));
        assertThat(p.changes()).hasSize(1);
        assertThat(p.changes().get(0).description()).startsWith("replace (checksum differs) " + URL);
        String script = p.changes().get(0).commands().get(0);
        assertThat(script).contains("fetch -q -T 10 -o \"$tmp\" -- " + URL, "s=$(sha256 -q \"$tmp\")");
        assertThat(script.indexOf("sha256 -q")).isLessThan(script.indexOf("mv -f"));
    }

    @Test
    void without_checksum_an_existing_file_is_left_unless_force() {
        assertThat(GetUrlPlanner.plan(file(null), want(null, false, null)).changes()).isEmpty();
        Plan forced = GetUrlPlanner.plan(file(null), want(null, true, null));
        assertThat(forced.changes().get(0).description()).startsWith("download again (force)");
        assertThat(forced.changes().get(0).commands().get(0)).contains("cmp -s \"$tmp\" \"$t\"")
                .doesNotContain("--no-verify");
        GetUrlPlanner.Desired insecure = new GetUrlPlanner.Desired(URL, "/var/tmp/app.tgz", null, null, null, null,
                true, 10, false);
        assertThat(GetUrlPlanner.plan(file(null), insecure).changes().get(0).commands().get(0))
                .contains("fetch -q -T 10 --no-verify-peer --no-verify-hostname -o \"$tmp\" -- " + URL);
    }

    @Test
    void dest_that_is_a_directory_or_has_no_parent_fails() {
        GetUrlPlanner.Current dir = GetUrlPlanner.parse(ExecResult.of(0, "path=/var/tmp/app.tgz\nstate=directory\n", ""));
        assertThat(GetUrlPlanner.plan(dir, want(null, false, null)).failure()).isEqualTo("/var/tmp/app.tgz is a directory");
        GetUrlPlanner.Current orphan = GetUrlPlanner.parse(ExecResult.of(0, "path=/nope/app.tgz\nstate=absent\nparent=0\n", ""));
        assertThat(GetUrlPlanner.plan(orphan, want(null, false, null)).failure()).isEqualTo("Destination /nope does not exist");
        assertThatThrownBy(() -> GetUrlPlanner.parse(ExecResult.of(127, "", "sh: stat: not found")))
                .hasMessageContaining("stat: not found");
    }

    @Test
    void checksum_and_url_rules() {
        assertThat(GetUrlModule.checksum("SHA256:" + HEX.substring(0, 32) + " " + HEX.substring(32)).hex()).isEqualTo(HEX);
        assertThatThrownBy(() -> GetUrlModule.checksum(HEX)).hasMessageContaining("<algorithm>:<checksum>");
        assertThatThrownBy(() -> GetUrlModule.checksum("sha256:abc")).hasMessageContaining("64 hex digits");
        assertThatThrownBy(() -> GetUrlModule.checksum("blake2:" + HEX)).hasMessageContaining("not supported");
        assertThatThrownBy(() -> GetUrlModule.checksum("sha256:https://x/SHA256SUMS")).hasMessageContaining("URL");
        assertThat(GetUrlModule.urlProblem("gopher://x/y")).contains("not an http");
        assertThat(GetUrlModule.urlProblem("-o/etc/passwd")).contains("starts with '-'");
        assertThat(GetUrlModule.urlProblem("https://x/a b")).contains("not a URL");
        assertThat(GetUrlModule.urlProblem(URL)).isNull();
        assertThat(want(null, false, null).fileName()).isEqualTo("app.tgz");
        assertThat(new GetUrlPlanner.Desired("http://x/", "/tmp", null, null, null, null, false, 10, true).fileName())
                .isEqualTo("index.html");
    }
}
