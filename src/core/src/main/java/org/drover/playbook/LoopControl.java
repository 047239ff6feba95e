package org.drover.playbook;

/**
 * {@code loop_control}, as Ansible reads it.
 *
 * @param loopVar          the loop variable's name (default {@code item})
 * @param indexVar         a variable holding the item's index from 0, or null
 * @param label            a template for the item shown in output, or null (the item itself)
 * @param pause            seconds to wait between two items
 * @param extended         whether {@code ansible_loop} (index, first, last, previtem, ...) is set
 * @param extendedAllitems whether {@code ansible_loop.allitems} is set too (with {@code extended})
 */
public record LoopControl(String loopVar, String indexVar, String label, double pause, boolean extended,
                          boolean extendedAllitems) {
    public static final LoopControl DEFAULT = new LoopControl("item", null, null, 0, false, true);
}
