package org.drover.ssh;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.schmizz.sshj.connection.channel.direct.Session;
import org.drover.transport.Become;
import org.drover.transport.BecomeCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes stdin of one exec; for a password become, first answers the prompt once and waits for the marker. */
final class Feed implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(SshConnection.class);

    /** What one exec sends: the command line's become wrapping, the bytes for stdin, the password, the deadline. */
    record Exec(BecomeCommand bc, byte[] stdin, Become become, long deadline) {
    }

    private final Session.Command cmd;
    private final BecomeCommand bc;
    private final byte[] stdin;
    private final Become become;
    private final SshConnection.Capture watched;
    private final long deadline;
    volatile boolean rejected;

    Feed(Session.Command cmd, Exec exec, SshConnection.Capture watched) {
        this.cmd = cmd;
        this.bc = exec.bc();
        this.stdin = exec.stdin();
        this.become = exec.become();
        this.watched = watched;
        this.deadline = exec.deadline();
    }

    @Override
    public void run() {
        OutputStream in = cmd.getOutputStream();
        try {
            if (bc.answersPrompt() && !answer(in)) {
                return;
            }
            if (stdin != null && stdin.length > 0) {
                in.write(stdin);
                in.flush();
            }
            if (!bc.pty()) {
                in.close(); // end of file for the script
            }
        } catch (IOException e) {
            log.trace("stdin: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True once the marker shows the script started; false when become failed. */
    private boolean answer(OutputStream in) throws IOException, InterruptedException {
        int seen = 0;
        int answeredAt = -1;
        while (System.nanoTime() - deadline < 0) {
            String text = watched.awaitMore(seen, deadline);
            seen = text.length();
            if (text.contains(bc.marker())) {
                return true;
            }
            if (watched.finished()) {
                return false;
            }
            boolean prompt;
            if (bc.prompt() != null) {
                int count = 0;
                for (int i = text.indexOf(bc.prompt()); i >= 0; i = text.indexOf(bc.prompt(), i + 1)) {
                    count++;
                }
                prompt = count > (answeredAt >= 0 ? 1 : 0);
            } else {
                prompt = BecomeCommand.looksLikePrompt(text.substring(Math.max(0, answeredAt)));
            }
            if (!prompt) {
                continue;
            }
            if (answeredAt >= 0) { // asked again: the password was wrong; do not let it retry
                rejected = true;
                if (bc.pty()) {
                    cmd.close();
                } else {
                    in.close();
                }
                return false;
            }
            char[] pw = become.password();
            ByteBuffer bb = StandardCharsets.UTF_8.encode(CharBuffer.wrap(pw));
            byte[] bytes = new byte[bb.remaining() + 1];
            bb.get(bytes, 0, bytes.length - 1);
            bytes[bytes.length - 1] = '\n';
            in.write(bytes);
            in.flush();
            Arrays.fill(bytes, (byte) 0);
            answeredAt = text.length();
        }
        return false;
    }
}
