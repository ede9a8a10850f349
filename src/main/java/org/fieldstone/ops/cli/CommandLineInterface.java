package org.fieldstone.ops.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fieldstone.ops.Cli;
import org.fieldstone.shared.DomainException;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * Parses the arguments first (bad arguments: one line on stderr, exit 2, nothing started), then starts
 * the application without its web server on the same data and runs the command.
 */
public final class CommandLineInterface {

    private final Class<?> application;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private BufferedReader stdin;

    public CommandLineInterface(Class<?> application, InputStream in, PrintStream out, PrintStream err) {
        this.application = application;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    public int run(String[] args) {
        CommandLine cli = new CommandLine(new Fieldstone());
        // --help and --version print to the streams this CLI was given, not to the JVM's
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        ParseResult parsed;
        try {
            parsed = cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println("fieldstone: " + firstLine(e.getMessage()) + " (see fieldstone --help)");
            return 2;
        }
        ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        if (CommandLine.printHelpIfRequested(parsed)) {
            return 0;
        }
        Object command = leaf.commandSpec().userObject();
        // options given before the command name (fieldstone --data-dir D tenant list) count too
        Settings beforeCommand = ((Fieldstone) parsed.commandSpec().userObject()).settings;
        // what no option matched, wherever it stood (picocli hands the root's leniency down to every command)
        List<String> unmatched = new ArrayList<>();
        for (ParseResult r = parsed; r != null; r = r.hasSubcommand() ? r.subcommand() : null) {
            unmatched.addAll(r.unmatched());
        }
        if (command instanceof Fieldstone || command instanceof Serve) {
            Settings settings = command instanceof Serve s ? s.settings.inherit(beforeCommand) : beforeCommand;
            try {
                return serve(settings, unmatched);
            } catch (DomainException e) {
                err.println("fieldstone: " + e.getMessage());
                return 2;
            }
        }
        if (!unmatched.isEmpty()) {
            err.println("fieldstone: " + Message.of("ops.refused.serve-only", unmatched.getFirst()).english()
                    + " (see fieldstone --help)");
            return 2;
        }
        if (!(command instanceof Operation operation)) {
            err.println("fieldstone: choose a command: " + String.join(", ", leaf.commandSpec().subcommands().keySet())
                    + " (see fieldstone " + leaf.commandSpec().qualifiedName(" ").replaceFirst("^fieldstone ?", "") + " --help)");
            return 2;
        }
        operation.settings().inherit(beforeCommand);
        operation.err = err;
        try {
            operation.validate();
            operation.settings().properties();
            operation.readInput(this);
        } catch (DomainException e) {
            err.println("fieldstone: " + e.getMessage());
            return 2;
        }
        if (operation instanceof Standalone standalone) {
            try {
                return standalone.run(out);
            } catch (DomainException e) {
                err.println("fieldstone: " + e.getMessage());
                return 2;
            } catch (RuntimeException e) {
                err.println("fieldstone: failed: " + firstLine(rootMessage(e)));
                return 1;
            }
        }
        try (ConfigurableApplicationContext context = start(operation.settings())) {
            return operation.execute(context, out);
        } catch (DomainException e) {
            err.println("fieldstone: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("fieldstone: failed: " + firstLine(rootMessage(e)));
            return 1;
        }
    }

    private int serve(Settings settings, List<String> springSettings) {
        new SpringApplicationBuilder(application).run(serverArguments(settings, springSettings));
        return Cli.SERVING;
    }

    /**
     * The server's arguments: the CLI's own options as properties, then every {@code --name=value} given to
     * {@code serve} as it was, for Spring to read as a command-line property. Anything else is refused; so is a
     * property given both ways (Spring would join the two values with a comma).
     */
    static String[] serverArguments(Settings settings, List<String> springSettings) {
        Map<String, Object> props = new LinkedHashMap<>(settings.properties());
        for (String argument : springSettings) {
            int eq = argument.indexOf('=');
            if (!argument.startsWith("--") || eq < 3) {
                throw new InvalidInput("serve", Message.of("ops.refused.serve-argument", argument));
            }
            String name = argument.substring(2, eq);
            if (props.containsKey(name)) {
                throw new InvalidInput("serve", Message.of("ops.refused.serve-twice", name));
            }
            props.put(name, argument.substring(eq + 1));
        }
        return asArguments(props);
    }

    private ConfigurableApplicationContext start(Settings settings) {
        Map<String, Object> props = new LinkedHashMap<>(settings.properties());
        props.put("fieldstone.demo.enabled", "false");
        // a running server re-encrypts after a rotation; a command does only what it was asked
        props.put("fieldstone.keys.rotation.enabled", "false");
        // and destroys deleted companies only when told to (tenant delete --now)
        props.put("fieldstone.companies.destruction.enabled", "false");
        props.put("fieldstone.schedule.recurrence.enabled", "false");
        props.put("fieldstone.reminders.enabled", "false");
        props.put("fieldstone.backup.schedule", "false");
        // a command needs a handful of the application's beans; the others are made only if asked for
        props.put("spring.main.lazy-initialization", "true");
        props.put("fieldstone.log.console-target", "System.err");
        props.put("logging.level.root", "WARN");
        props.put("logging.level.org.fieldstone", "WARN");
        return new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .run(asArguments(props));
    }

    /** As command-line properties, which win over application.properties (builder defaults would not). */
    private static String[] asArguments(Map<String, Object> props) {
        return props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    /** Reads one secret line from stdin (no echo at a terminal). */
    char[] readSecret(String prompt) {
        return readSecret(prompt, "password");
    }

    /** Reads one secret line from stdin (no echo at a terminal); {@code what} names it in messages, e.g. "value". */
    char[] readSecret(String prompt, String what) {
        Message thing = switch (what) {
            case "password" -> Message.of("ops.thing.password");
            case "value" -> Message.of("ops.thing.value");
            case "passphrase" -> Message.of("ops.thing.passphrase");
            default -> throw new IllegalArgumentException("no word for " + what);
        };
        var console = System.console();
        if (interactive(console) && in == System.in) {
            char[] value = console.readPassword("%s: ", prompt);
            if (value == null || value.length == 0) {
                throw new InvalidInput(what, Message.of("ops.refused.stdin-empty", thing));
            }
            return value;
        }
        try {
            if (stdin == null) {
                stdin = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
            String line = stdin.readLine();
            if (line == null || line.isEmpty()) {
                throw new InvalidInput(what, Message.of("ops.refused.stdin-empty-prompt", thing, prompt.toLowerCase()));
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw new InvalidInput(what, Message.of("ops.refused.stdin-unreadable", thing, String.valueOf(e.getMessage())));
        }
    }

    /** Whether a person at a terminal runs this command (so it may ask them something). */
    boolean atTerminal() {
        return in == System.in && interactive(System.console());
    }

    /** Asks the person at the terminal ({@link #atTerminal()}) for one line; empty when they give none. */
    String ask(String prompt) {
        String line = System.console().readLine("%s: ", prompt);
        return line == null ? "" : line.strip();
    }

    /**
     * Whether the console is a real terminal. From JDK 22 {@code System.console()} is present even when
     * stdin is piped; {@code Console.isTerminal()} (JDK 22+) tells the two apart.
     */
    private static boolean interactive(java.io.Console console) {
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // JDK 21: a console exists only for a terminal
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "error";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    /** Where the data is: every command accepts these. */
    static final class Settings {
        @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory of the embedded default (default: ./data).")
        Path dataDir;

        @Option(names = "--master-key-file", paramLabel = "FILE",
                description = "The master key file (default: ~/.fieldstone/master.key, or fieldstone.keys.master-key-file).")
        Path masterKeyFile;

        @Option(names = "--db-url", paramLabel = "URL", description = "PostgreSQL control-plane URL, e.g. jdbc:postgresql://localhost:5432/fieldstone.")
        String dbUrl;

        @Option(names = "--db-username", paramLabel = "NAME", description = "PostgreSQL user.")
        String dbUsername;

        @Option(names = "--db-password-file", paramLabel = "FILE", description = "File holding the PostgreSQL password.")
        Path dbPasswordFile;

        @Option(names = "--backup-dir", paramLabel = "DIR", description = "The backup location (default: fieldstone.backup.dir, or <data-dir>-backups).")
        Path backupDir;

        /** Takes from {@code outer} what this command was not given itself. */
        Settings inherit(Settings outer) {
            if (dataDir == null) {
                dataDir = outer.dataDir;
            }
            if (dbUrl == null) {
                dbUrl = outer.dbUrl;
            }
            if (masterKeyFile == null) {
                masterKeyFile = outer.masterKeyFile;
            }
            if (dbUsername == null) {
                dbUsername = outer.dbUsername;
            }
            if (dbPasswordFile == null) {
                dbPasswordFile = outer.dbPasswordFile;
            }
            if (backupDir == null) {
                backupDir = outer.backupDir;
            }
            return this;
        }

        Map<String, Object> properties() {
            Map<String, Object> p = new LinkedHashMap<>();
            if (dataDir != null) {
                p.put("fieldstone.data-dir", dataDir.toString());
            }
            if (masterKeyFile != null) {
                p.put("fieldstone.keys.master-key-file", masterKeyFile.toString());
            }
            if (dbUrl != null) {
                if (!dbUrl.startsWith("jdbc:postgresql://")) {
                    throw new InvalidInput("db-url", Message.of("ops.refused.db-url"));
                }
                p.put("fieldstone.database.url", dbUrl);
            }
            if (dbUsername != null) {
                p.put("fieldstone.database.username", dbUsername);
            }
            if (backupDir != null) {
                p.put("fieldstone.backup.dir", backupDir.toString());
            }
            if (dbPasswordFile != null) {
                try {
                    p.put("fieldstone.database.password", Files.readString(dbPasswordFile).strip());
                } catch (IOException e) {
                    throw new InvalidInput("db-password-file", Message.of("ops.refused.db-password-file", String.valueOf(dbPasswordFile), String.valueOf(e.getMessage())));
                }
            }
            return p;
        }
    }

    /** An operation that needs no application (no data, no keys): run without starting one. */
    interface Standalone {
        int run(PrintStream out);
    }

    /** A command that runs against the data and exits. */
    abstract static class Operation {
        @CommandLine.Mixin
        Settings settings = new Settings();

        /** Where progress and warnings go: this CLI's stderr. */
        PrintStream err = System.err;

        Settings settings() {
            return settings;
        }

        /** Checks arguments before anything starts; throws {@link InvalidInput}. */
        void validate() {
        }

        /** Reads secrets from stdin before the application starts. */
        void readInput(CommandLineInterface cli) {
        }

        abstract int execute(ConfigurableApplicationContext context, PrintStream out);
    }

    @Command(name = "fieldstone", mixinStandardHelpOptions = true, version = "Fieldstone 0.1",
            description = "Field service management. With no command: serve.",
            subcommands = {Serve.class, TenantCommands.class, UserCommands.class, ApiKeyCommands.class, AuditCommands.class,
                    KeyCommands.class, SecretCommands.class, ExportCommands.class, IncidentCommands.class,
                    OperatorCommands.class, BackupCommands.class, BackupCommands.Restore.class})
    static final class Fieldstone {
        @CommandLine.Mixin
        Settings settings = new Settings();

        /** Without a command these go to the server; with any other command they are refused. */
        @CommandLine.Unmatched
        List<String> springSettings = new ArrayList<>();
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {"Start the server (the default).",
                    "Any setting of the configuration may follow as --name=value, e.g. --server.port=9443."})
    static final class Serve {
        @CommandLine.Mixin
        Settings settings = new Settings();

        @CommandLine.Unmatched
        List<String> springSettings = new ArrayList<>();
    }

}
