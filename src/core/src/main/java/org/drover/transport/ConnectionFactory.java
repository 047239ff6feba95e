package org.drover.transport;

import java.io.IOException;
import org.drover.inventory.Host;

/** Opens the one persistent connection to a host. The engine calls it once per host per run. */
public interface ConnectionFactory extends AutoCloseable {
    /**
     * @throws UnreachableException when the host cannot be reached or authentication fails (the host is
     *                              reported unreachable; other hosts go on)
     */
    Connection open(Host host) throws IOException;

    @Override
    default void close() {
    }
}
