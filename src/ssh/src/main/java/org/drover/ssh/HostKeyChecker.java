package org.drover.ssh;

import java.io.IOException;
import java.security.PublicKey;
import java.util.List;
import java.util.stream.Collectors;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link HostKeyPolicy} to the key one server presents. sshj only learns "not verifiable", so the
 * reason is kept here for the error message.
 */
final class HostKeyChecker implements HostKeyVerifier {
    private static final Logger log = LoggerFactory.getLogger(HostKeyChecker.class);

    private final String label;
    private final String host;
    private final int port;
    private final HostKeyPolicy policy;
    private final KnownHosts knownHosts;
    private volatile String failure;

    /** host and port are what known_hosts is searched for (the address we connect to, not the inventory name). */
    HostKeyChecker(String label, String host, int port, HostKeyPolicy policy, KnownHosts knownHosts) {
        this.label = label;
        this.host = host;
        this.port = port;
        this.policy = policy;
        this.knownHosts = knownHosts;
    }

    /** Why the key was refused, or null. */
    String failure() {
        return failure;
    }

    @Override
    public boolean verify(String ignoredHost, int ignoredPort, PublicKey key) {
        String type = KeyType.fromKey(key).toString();
        String fp = KnownHosts.fingerprint(key);
        String where = KnownHosts.lookupName(host, port);
        KnownHosts.Verdict v = knownHosts.check(host, port, key);
        log.trace("host key of {} ({}): {} {} -> {}", label, where, type, fp, v.getClass().getSimpleName());
        if (v instanceof KnownHosts.Verdict.Revoked r) {
            return refuse("host key of " + label + " (" + where + ") is REVOKED: " + type + " " + fp
                    + " is marked @revoked in " + knownHosts.file() + ":" + r.entry().line());
        }
        if (policy == HostKeyPolicy.OFF) {
            log.warn("HOST KEY CHECKING IS OFF for {} ({}): accepting {} {} without verification; anyone on the "
                    + "path can impersonate this host", label, where, type, fp);
            return true;
        }
        if (v instanceof KnownHosts.Verdict.Known) {
            return true;
        }
        if (v instanceof KnownHosts.Verdict.BadCertificate b) {
            return refuse("host certificate of " + label + " (" + where + ") signed by a trusted CA is not valid: "
                    + b.reason());
        }
        if (v instanceof KnownHosts.Verdict.Changed c) {
            String known = c.known().stream()
                    .map(e -> e.keyType() + " " + e.fingerprint() + " (" + knownHosts.file() + ":" + e.line() + ")")
                    .collect(Collectors.joining(", "));
            return refuse("HOST KEY MISMATCH for " + label + " (" + where + "): the server offered " + type + " "
                    + fp + " but known_hosts has " + known
                    + ". The host was reinstalled or someone is intercepting the connection; if the change is "
                    + "expected, remove the old line (ssh-keygen -R '" + where + "' -f " + knownHosts.file() + ")");
        }
        // unknown
        if (policy == HostKeyPolicy.ACCEPT_NEW) {
            try {
                KnownHosts.Verdict learnt = knownHosts.learn(host, port, key);
                if (learnt instanceof KnownHosts.Verdict.Known k) {
                    log.warn("learnt the host key of {} ({}): {} {} added to {}:{}", label, where, type, fp,
                            knownHosts.file(), k.entry().line());
                    return true;
                }
                return refuse("host key of " + label + " (" + where + ") changed while connecting: " + type + " "
                        + fp + " no longer matches " + knownHosts.file());
            } catch (IOException ex) {
                return refuse("cannot add the host key of " + label + " to " + knownHosts.file() + ": "
                        + ex.getMessage());
            }
        }
        return refuse("host key of " + label + " (" + where + ") is not known: the server offered " + type + " "
                + fp + ", and " + knownHosts.file() + " has no entry for it (host key policy strict). Check the "
                + "fingerprint and add it (ssh-keyscan" + (port != 22 ? " -p " + port : "") + " " + host + " >> "
                + knownHosts.file() + "), or run with --host-key-checking accept-new");
    }

    private boolean refuse(String why) {
        failure = why;
        log.debug("{}", why);
        return false;
    }

    @Override
    public List<String> findExistingAlgorithms(String ignoredHost, int ignoredPort) {
        return knownHosts.algorithmsFor(host, port);
    }
}
