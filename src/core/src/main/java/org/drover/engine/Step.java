package org.drover.engine;

/** {@code --step}: asked before each task whether to run it, as Ansible's "Perform task" prompt. */
public interface Step {
    /** The user's answer for the task named {@code task} (its display name). */
    Answer ask(String task);

    /** No skips the task; yes runs it; continue runs it and every task after it without asking. */
    enum Answer { NO, YES, CONTINUE }

    /** Reads an answer as Ansible does: {@code y}/{@code yes}, {@code c}/{@code continue}, anything else is no. */
    static Answer parse(String reply) {
        String r = reply == null ? "" : reply.strip().toLowerCase(java.util.Locale.ROOT);
        return switch (r) {
            case "y", "yes" -> Answer.YES;
            case "c", "continue" -> Answer.CONTINUE;
            default -> Answer.NO;
        };
    }
}
