package org.drover.cli;

import org.drover.inventory.Inventory;

/** Test access to the command's JSON rendering. */
public final class InventoryCommandAccess {
    private InventoryCommandAccess() {}

    public static String listJson(Inventory inv) throws Exception {
        return InventoryCommand.json(InventoryCommand.list(inv));
    }
}
