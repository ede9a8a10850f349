package org.fieldstone.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Everything logged while some work runs, with logging turned up as far as an operator troubleshooting would:
 * the root logger and all of Fieldstone's at TRACE (so that, e.g., JDBC parameter values are logged too). Levels
 * the application itself pins for other libraries (application.properties) stay, as they would in production.
 */
public final class CapturedLogs {

    private CapturedLogs() {
    }

    /** Each event as a line: the formatted message and its stack trace, if any. */
    public static List<String> during(Runnable work) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<Logger> all = new ArrayList<>(context.getLoggerList());
        List<Level> levels = all.stream().map(Logger::getLevel).toList();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setContext(context);
        appender.start();
        root.addAppender(appender);
        for (Logger logger : all) {
            if (logger == root || logger.getName().startsWith("org.fieldstone")) {
                logger.setLevel(Level.TRACE);
            }
        }
        try {
            work.run();
        } finally {
            for (int i = 0; i < all.size(); i++) {
                all.get(i).setLevel(levels.get(i));
            }
            root.detachAppender(appender);
            appender.stop();
        }
        synchronized (appender.list) {
            return appender.list.stream().map(e -> e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy()))).toList();
        }
    }
}
