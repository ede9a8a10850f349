package org.fieldstone.ops;

import java.io.InputStream;
import java.io.PrintStream;
import org.fieldstone.ops.cli.CommandLineInterface;

/**
 * The entry point shared by the server and the CLI: {@code fieldstone [serve]} serves, every other
 * command runs and exits (0 done, 1 failed, 2 bad arguments or refused input).
 */
public final class Cli {

    /** Returned when the server was started and keeps the JVM running. */
    public static final int SERVING = -1;

    private Cli() {
    }

    public static int run(Class<?> application, String[] args) {
        return run(application, args, System.in, System.out, System.err);
    }

    public static int run(Class<?> application, String[] args, InputStream in, PrintStream out, PrintStream err) {
        return new CommandLineInterface(application, in, out, err).run(args);
    }
}
