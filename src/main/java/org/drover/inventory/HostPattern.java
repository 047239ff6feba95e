package org.drover.inventory;

import java.util.List;

/** Ansible host patterns. Only names and {@code all} for now; the full grammar comes with the inventory work. */
final class HostPattern {
    private final String text;

    private HostPattern(String text) {
        this.text = text;
    }

    static HostPattern parse(String pattern) {
        return new HostPattern(pattern.trim());
    }

    List<Host> select(Inventory inv) {
        if (text.equals("all") || text.equals("*")) {
            return inv.hosts();
        }
        return inv.hosts().stream()
                .filter(h -> h.name().equals(text) || h.groups().contains(text))
                .toList();
    }
}
