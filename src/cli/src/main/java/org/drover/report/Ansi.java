package org.drover.report;

/** ANSI colours, or plain text when colour is off. */
final class Ansi {
    static final String RED = "31", GREEN = "32", YELLOW = "33", CYAN = "36", MAGENTA = "35", GREY = "90";

    private final boolean on;

    Ansi(boolean on) {
        this.on = on;
    }

    String paint(String code, String s) {
        return on ? "\033[" + code + "m" + s + "\033[0m" : s;
    }

    String red(String s) { return paint(RED, s); }
    String green(String s) { return paint(GREEN, s); }
    String yellow(String s) { return paint(YELLOW, s); }
    String cyan(String s) { return paint(CYAN, s); }
    String magenta(String s) { return paint(MAGENTA, s); }
    String grey(String s) { return paint(GREY, s); }
}
