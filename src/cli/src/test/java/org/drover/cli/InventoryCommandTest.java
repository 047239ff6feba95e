package org.drover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.drover.inventory.Inventory;
import org.drover.inventory.InventoryLoader;
import org.junit.jupiter.api.Test;

class InventoryCommandTest {
    /** The inventories the loader's own tests use, beside drover-core's tests. */
    static final Path RES = Path.of(System.getProperty("drover.root", "../.."), "src/core/src/test/resources/inventories");

    @Test
    void ansible_style_directory_loads_unchanged_and_lists_like_ansible_inventory() throws Exception {
        Inventory inv = InventoryLoader.load(List.of(RES.resolve("ansible-style")));
        String expected = Files.readString(RES.resolve("ansible-style-expected-list.json")).strip();
        assertThat(InventoryCommand.json(InventoryCommand.list(inv))).isEqualTo(expected);
    }
}
