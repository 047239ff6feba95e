package org.drover.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

/**
 * The floor of the benchmark: the smallest client that issues the workload's remote commands. sshj directly, one
 * connection per host, the commands of a host one after the other, hosts in parallel (as many at once as the other
 * tools' forks), nothing else: no playbook, no templating, no reporting. What drover takes beyond this is drover's own.
 * <pre>
 * java -cp target/drover.jar:target/test-classes org.drover.bench.Floor INVENTORY.yml KNOWN_HOSTS KEY USER COMMANDS.txt [PARALLEL]
 * </pre>
 * Prints {@code floor: H hosts, C commands, X created, F failed}; exits 1 when any command failed.
 */
public final class Floor {
    private static final Pattern PORT = Pattern.compile("drover_port: (\\d+)");

    private final DefaultConfig config = new DefaultConfig();
    private final Path knownHosts;
    private final String key;
    private final String user;
    private final List<String> commands;
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger ran = new AtomicInteger();
    private KeyProvider keys;

    private Floor(Path knownHosts, String key, String user, List<String> commands) {
        this.knownHosts = knownHosts;
        this.key = key;
        this.user = user;
        this.commands = commands;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: Floor INVENTORY KNOWN_HOSTS KEY USER COMMANDS [PARALLEL]");
            System.exit(5);
        }
        List<Integer> ports = new ArrayList<>();
        Matcher m = PORT.matcher(Files.readString(Path.of(args[0])));
        while (m.find()) {
            ports.add(Integer.parseInt(m.group(1)));
        }
        List<String> commands = Files.readAllLines(Path.of(args[4])).stream().filter(l -> !l.isBlank()).toList();
        int parallel = args.length > 5 ? Integer.parseInt(args[5]) : 50;
        Floor floor = new Floor(Path.of(args[1]), args[2], args[3], commands);

        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, Math.max(1, ports.size())));
        List<Future<?>> done = new ArrayList<>();
        for (int port : ports) {
            done.add(pool.submit(() -> {
                floor.host(port);
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        System.out.printf("floor: %d hosts, %d commands, %d created, %d failed%n", ports.size(), floor.ran.get(),
                floor.created.get(), floor.failed.get());
        System.exit(floor.failed.get() == 0 ? 0 : 1);
    }

    /** One connection to the host on {@code port}, every command in its own session. */
    private void host(int port) {
        try (SSHClient c = new SSHClient(config)) {
            c.loadKnownHosts(knownHosts.toFile());
            c.connect("127.0.0.1", port);
            c.authPublickey(user, key(c));
            for (String command : commands) {
                try (Session s = c.startSession()) {
                    Session.Command cmd = s.exec(command);
                    String out = new String(cmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    cmd.getErrorStream().readAllBytes();
                    cmd.join(60, TimeUnit.SECONDS);
                    ran.incrementAndGet();
                    if (!Integer.valueOf(0).equals(cmd.getExitStatus())) {
                        failed.incrementAndGet();
                    } else if (out.contains("created")) {
                        created.incrementAndGet();
                    }
                }
            }
        } catch (IOException e) {
            System.err.println("port " + port + ": " + e);
            failed.incrementAndGet();
        }
    }

    /** The key is read once, like any client would. */
    private synchronized KeyProvider key(SSHClient c) throws IOException {
        if (keys == null) {
            keys = c.loadKeys(key);
        }
        return keys;
    }
}
