package org.drover.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.drover.engine.Step;
import org.drover.text.Visible;

/**
 * {@code --step}: Ansible's prompt before each task, {@code Perform task: TASK: NAME (N)o/(y)es/(c)ontinue:}, read
 * from standard input; the question is then repeated as a banner, as Ansible does. End of input answers no.
 */
final class StepPrompt implements Step {
    private static final int WIDTH = 80;
    private final PrintStream out;
    private final BufferedReader in;

    StepPrompt(PrintStream out, InputStream in) {
        this.out = out;
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    @Override
    public Answer ask(String task) {
        String msg = "Perform task: TASK: " + Visible.terminal(task) + " (N)o/(y)es/(c)ontinue: ";
        out.print(msg);
        out.flush();
        String reply;
        try {
            reply = in.readLine();
        } catch (IOException e) {
            reply = null;
        }
        if (reply == null || System.console() == null) {
            out.println(); // a terminal echoed the user's Enter; piped input did not
        }
        out.println(msg + "*".repeat(Math.max(3, WIDTH - msg.length())));
        return Step.parse(reply);
    }
}
