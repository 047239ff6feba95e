package org.drover.testbed;

/** The fleet contract against one real OpenSSH sshd per host. */
class OpenSshFleetIT extends FleetContract {
    @Override
    Backend backend() {
        return Backend.OPENSSH;
    }

    @Override
    boolean sessionsHavePrivateNetwork() {
        return false;
    }
}
