package org.drover.playbook;

/** {@code loop_control}: the loop variable's name (default {@code item}) and a label template for output. */
public record LoopControl(String loopVar, String label) {
    public static final LoopControl DEFAULT = new LoopControl("item", null);
}
