package org.drover.testbed;

/** The fleet contract against the embedded (Apache MINA) SSH server. */
class EmbeddedFleetIT extends FleetContract {
    @Override
    Backend backend() {
        return Backend.EMBEDDED;
    }

    @Override
    boolean sessionsHavePrivateNetwork() {
        return true;
    }
}
