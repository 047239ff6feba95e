package org.drover.report;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Logging for the command line: quiet by default (warnings on stderr, from logback.xml); {@code -vvvv} shows
 * drover's transport and engine debug lines on stderr; {@code --log-file} receives drover's debug lines
 * whatever the verbosity.
 */
public final class Logging {
    private Logging() {}

    public static void configure(int verbosity, Path logFile) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            return; // another slf4j binding: leave it alone
        }
        Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        Level console = verbosity >= 4 ? Level.DEBUG : Level.WARN;
        Appender<ILoggingEvent> stderr = root.getAppender("STDERR");
        if (stderr != null) {
            ThresholdFilter f = new ThresholdFilter();
            f.setLevel(console.toString());
            f.start();
            stderr.clearAllFilters();
            stderr.addFilter(f);
        }
        if (verbosity >= 4) {
            ctx.getLogger("org.drover.ssh").setLevel(Level.DEBUG);
            ctx.getLogger("org.drover.engine").setLevel(Level.DEBUG);
        }
        if (verbosity >= 5) {
            ctx.getLogger("net.schmizz").setLevel(Level.DEBUG);
            ctx.getLogger("com.hierynomus").setLevel(Level.DEBUG);
        }
        // sshj logs each exec request's command line, which carries the script and its environment values, even
        // a no_log task's: drover's own command log (org.drover.ssh.commands) shows scripts and hides no_log ones
        ctx.getLogger("net.schmizz.sshj.connection.channel.direct.SessionChannel").setLevel(Level.INFO);
        if (logFile != null) {
            PatternLayoutEncoder enc = new PatternLayoutEncoder();
            enc.setContext(ctx);
            enc.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
            enc.start();
            FileAppender<ILoggingEvent> file = new FileAppender<>();
            file.setContext(ctx);
            file.setName("FILE");
            file.setFile(logFile.toString());
            file.setAppend(true);
            file.setEncoder(enc);
            file.start();
            root.addAppender(file);
            root.setLevel(Level.INFO);
            Logger drover = ctx.getLogger("org.drover");
            if (drover.getLevel() == null || drover.getLevel().isGreaterOrEqual(Level.DEBUG)) {
                drover.setLevel(Level.DEBUG);
            }
        }
    }
}
