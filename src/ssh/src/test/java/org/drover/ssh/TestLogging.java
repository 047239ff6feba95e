package org.drover.ssh;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Keeps sshj's debug chatter out of the test output; our own transport logs at debug. */
final class TestLogging {
    private TestLogging() {}

    static void quiet() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);
        ((Logger) LoggerFactory.getLogger("net.schmizz")).setLevel(Level.WARN);
        ((Logger) LoggerFactory.getLogger("com.hierynomus")).setLevel(Level.WARN);
        ((Logger) LoggerFactory.getLogger("org.drover.ssh")).setLevel(Level.DEBUG);
    }
}
