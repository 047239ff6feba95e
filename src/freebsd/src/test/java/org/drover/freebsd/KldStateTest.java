package org.drover.freebsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KldStateTest {
    final List<String> file = Samples.load("kldstat-n-file-reconstructed.txt").lines().toList();

    @Test
    void loaded_file_from_the_table() {
        String table = file.get(0) + "\n" + file.get(1) + "\n";
        KldState k = KldState.parse("if_bridge", 0, table, 0);
        assertThat(k.file()).contains(new KldState.KldFile(5, 1, "if_bridge.ko"));
        assertThat(k.loaded()).isTrue();
        assertThat(k.inKernel()).isFalse();
    }

    @Test
    void compiled_in_module_has_no_file() {
        KldState k = KldState.parse("if_lo", 0, file.get(2) + "\n", 1);
        assertThat(k.file()).isEmpty();
        assertThat(k.loaded()).isTrue();
        assertThat(k.inKernel()).isTrue();
    }

    @Test
    void not_loaded_at_all() {
        KldState k = KldState.parse("if_lo", 1, file.get(2) + "\n", 1);
        assertThat(k.loaded()).isFalse();
        assertThat(k.inKernel()).isFalse();
    }

    @Test
    void module_m_sample_is_the_same_kind_of_not_found() {
        // kldstat -m without -q prints this; the reader uses -q and only the exit status, as FORMATS says.
        String notFound = Samples.load("kldstat-m-module-reconstructed.txt").lines().toList().get(2);
        assertThat(notFound).startsWith("kldstat: can't find module if_nosuch:");
        assertThat(KldState.parseFile("if_nosuch", notFound.replace("module", "file"), 1)).isEmpty();
    }

    @Test
    void file_registering_another_module_name_is_loaded() {
        String table = "Id Refs Address                Size Name\n 9    1 0xffffffff82a00000    43580 linux64.ko\n";
        KldState k = KldState.parse("linux64", 1, table, 0);
        assertThat(k.loaded()).isTrue();
        assertThat(k.file().map(KldState.KldFile::refs)).isEqualTo(Optional.of(1));
    }

    @Test
    void anything_else_is_an_error() {
        assertThatThrownBy(() -> KldState.parse("x", 127, "", 1)).hasMessageContaining("exit 127");
        assertThatThrownBy(() -> KldState.parse("x", 0, "", -1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> KldState.parse("x", 0, "kldstat: can't find file y: No such file\n", 1))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void names() {
        assertThat(KldState.nameProblem("if_wg")).isNull();
        assertThat(KldState.nameProblem("nvidia-modeset")).isNull();
        assertThat(KldState.nameProblem("if_wg.ko")).contains("without '.ko' ('if_wg')");
        assertThat(KldState.nameProblem("if_wg; reboot")).contains("is not a kernel module name");
        assertThat(KldState.nameProblem("/boot/modules/x")).contains("is not a kernel module name");
        assertThat(KldState.nameProblem("-n")).isNotNull();
    }
}
