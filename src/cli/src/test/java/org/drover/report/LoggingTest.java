package org.drover.report;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LoggingTest {
    @AfterEach
    void restore() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var file = root.getAppender("FILE");
        if (file != null) {
            root.detachAppender(file);
            file.stop();
        }
        root.setLevel(Level.WARN);
        ctx.getLogger("org.drover").setLevel(null);
        ctx.getLogger("org.drover.ssh").setLevel(null);
        ctx.getLogger("org.drover.engine").setLevel(null);
        Logging.configure(0, null);
    }

    @Test
    void quietByDefaultAndTheLogFileGetsDroversDebugLines(@TempDir Path dir) throws Exception {
        org.slf4j.Logger ssh = LoggerFactory.getLogger("org.drover.ssh.Test");
        assertThat(ssh.isDebugEnabled()).isFalse();
        assertThat(ssh.isWarnEnabled()).isTrue();
        Path log = dir.resolve("drover.log");
        Logging.configure(0, log);
        ssh.debug("opening a channel to lab01");
        LoggerFactory.getLogger("com.example.Library").debug("library chatter");
        assertThat(Files.readString(log)).contains("opening a channel to lab01").doesNotContain("library chatter");
    }

    @Test
    void fourVsTurnOnTheTransportsDebugLines() {
        Logging.configure(4, null);
        assertThat(LoggerFactory.getLogger("org.drover.ssh.SshConnection").isDebugEnabled()).isTrue();
        assertThat(LoggerFactory.getLogger("com.example.Library").isDebugEnabled()).isFalse();
    }
}
