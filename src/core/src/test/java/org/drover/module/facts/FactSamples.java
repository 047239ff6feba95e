package org.drover.module.facts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** The FreeBSD output samples (src/freebsd's test resources), without their '# ' provenance header. */
public final class FactSamples {
    private FactSamples() {}

    static String load(String name) {
        Path p = Path.of(System.getProperty("drover.root", "../.."))
                .resolve("src/freebsd/src/test/resources/freebsd-samples").resolve(name);
        try {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            return text.lines().dropWhile(l -> l.startsWith("# ")).collect(Collectors.joining("\n", "", "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The script output of a whole gathering on a KVM guest, from the samples. */
    public static String hostOutput(String hostname) {
        return hostOutput(hostname, "14.3-RELEASE-p3");
    }

    /** As {@link #hostOutput(String)}, with that userland (freebsd-version -u). */
    public static String hostOutput(String hostname, String userland) {
        return FactScript.frame("platform", "FreeBSD\n14.3-RELEASE-p2\namd64\n"
                        + "FreeBSD 14.3-RELEASE-p2 releng/14.3-n271432-8c9ce319fef7 GENERIC\n" + hostname, 0)
                + FactScript.frame("user", "admin\n1001\n0\n1001\nadmin:*:1001:1001:Fleet admin:/home/admin:/bin/sh", 0)
                + FactScript.frame("sysctl", "now=1733299200\n" + load("sysctl-e-i-facts-oids-reconstructed.txt"), 0)
                + FactScript.frame("dmesg", "CPU: Intel Core Processor (Skylake, IBRS) (2095.08-MHz K8-class CPU)", 0)
                + FactScript.frame("ifconfig", load("ifconfig-a-vtnet0-lo0-14x-reconstructed.txt"), 0)
                + FactScript.frame("route4", load("route-n-get-default-reconstructed.txt"), 0)
                + FactScript.frame("route6", "", 1)
                + FactScript.frame("userland", userland, 0)
                + FactScript.frame("jails", "web\ndb", 0)
                + FactScript.frame("zpools", "zroot", 0);
    }
}
