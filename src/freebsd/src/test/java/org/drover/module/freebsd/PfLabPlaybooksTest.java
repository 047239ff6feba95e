package org.drover.module.freebsd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.drover.module.ModuleRegistry;
import org.drover.playbook.Playbook;
import org.drover.playbook.PlaybookLoader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The lab playbooks load and validate against the real module specs (what drover play --syntax-check does). */
class PfLabPlaybooksTest {

    @ParameterizedTest
    @ValueSource(strings = {"vnet-lab.yml", "dmz.yml", "teardown.yml"})
    void labPlaybooksPassTheLoader(String name) {
        ModuleRegistry registry = ModuleRegistry.load();
        assertThat(registry.names()).contains("bridge", "epair", "jail", "sysrc", "shell", "pf", "zfs_clone");
        Path file = Path.of(System.getProperty("drover.root", "../.."), "playbooks", name);
        assertThat(file).exists();
        Playbook p = PlaybookLoader.of(registry).load(file);
        assertThat(p.plays()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"vnet-lab-pf.conf.j2", "dmz-pf.conf.j2"})
    void pfTemplatesExist(String name) throws Exception {
        String text = Files.readString(Path.of(System.getProperty("drover.root", "../.."), "playbooks/templates", name));
        assertThat(text).contains("set skip on lo0").contains("port {{").contains("nat on $ext_if");
    }
}
