package org.drover.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.drover.ssh.SshConnectionFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code drover train}, hidden: the workload the launcher records its start-up cache from (a JDK 25 AOT cache or a
 * JDK 17 AppCDS archive). A check-mode play on the controller itself loads what a real run loads (YAML, inventory,
 * Jinja with Ansible's filters, the engine, modules, reporters); the SSH stack is initialised without connecting.
 * Nothing outside a temporary directory is written, and that is removed.
 */
@Command(name = "train", hidden = true, description = "Record drover's start-up cache (used by the launcher).")
final class TrainCommand implements Callable<Integer> {

    private static CommandLine quiet() {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(Writer.nullWriter()));
        cl.setErr(new PrintWriter(Writer.nullWriter()));
        return cl;
    }

    @Override
    public Integer call() throws Exception {
        SshConnectionFactory.warmUp();
        Path dir = Files.createTempDirectory("drover-train");
        PrintStream out = System.out;
        try {
            Path play = dir.resolve("train.yml");
            try (InputStream in = TrainCommand.class.getResourceAsStream("train/train.yml")) {
                Files.copy(in, play);
            }
            Path inv = dir.resolve("hosts.ini");
            Files.writeString(inv, "[all]\ntrain drover_connection=local\n");
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            int rc = 0;
            for (String output : new String[] {"console", "json"}) {
                rc |= quiet().execute("play", play.toString(), "-i", inv.toString(), "--diff", "--profile",
                        "--output", output, "--junit", dir.resolve("junit.xml").toString(), "-e", "train_dir=" + dir);
            }
            quiet().execute("play", "--help");
            return rc == 0 ? ExitCodes.OK : ExitCodes.ERROR;
        } finally {
            System.setOut(out);
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp directory left behind is harmless
            }
        }
    }
}
