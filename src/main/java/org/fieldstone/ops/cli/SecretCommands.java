package org.fieldstone.ops.cli;

import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.SecretStore;
import org.fieldstone.tenancy.SecretStore.Secret;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "secrets", mixinStandardHelpOptions = true,
        description = "Integration credentials of a company or of the platform: set (the value from stdin), list (hints only), remove.",
        subcommands = {SecretCommands.Set.class, SecretCommands.ListSecrets.class, SecretCommands.Remove.class})
final class SecretCommands {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** Whose secrets: one company's, or the platform's. */
    static final class Owner {
        @Option(names = "--tenant", required = true, paramLabel = "SLUG", description = "A company's secrets (its address).")
        String tenant;
        @Option(names = "--platform", required = true, description = "The platform-wide secrets.")
        boolean platform;
    }

    abstract static class SecretOperation extends CommandLineInterface.Operation {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Owner owner;

        SecretStore store(ConfigurableApplicationContext context) {
            return context.getBean(SecretStore.class);
        }

        /** The company, or null for the platform. */
        Company company(ConfigurableApplicationContext context) {
            return owner.platform ? null : UserCommands.company(context, owner.tenant);
        }

        String whose() {
            return owner.platform ? "the platform" : owner.tenant;
        }
    }

    /** Refused before anything starts, without repeating what was given: it may be a value typed in the wrong place. */
    static String knownName(String name) {
        if (!SecretStore.KNOWN.contains(name) && !SecretStore.PLATFORM_ONLY.contains(name)) {
            throw new InvalidInput("name", Message.of("ops.refused.secret-name", String.join(", ", SecretStore.KNOWN)));
        }
        return name;
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Set or replace a secret. The value is read from stdin (never from an argument) and never printed; prints the hint.")
    static final class Set extends SecretOperation {
        @Parameters(index = "0", paramLabel = "NAME", description = "The secret's name (see: secrets list).")
        String name;
        @Parameters(index = "1..*", hidden = true)
        List<String> stray;

        private char[] value;

        @Override
        void validate() {
            if (stray != null && !stray.isEmpty()) {
                throw new InvalidInput("value", Message.of("ops.refused.secret-as-argument"));
            }
            knownName(name);
        }

        @Override
        void readInput(CommandLineInterface cli) {
            value = cli.readSecret("Value of " + name, "value");
        }

        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            try {
                Company company = company(context);
                Secret secret = company == null
                        ? store(context).setPlatform(name, value)
                        : store(context).set(Actor.system(company.id(), Channel.CLI), name, value);
                out.println("Set " + name + " of " + whose() + ": " + secret.hint() + " (version " + secret.version() + ")");
                return 0;
            } finally {
                Arrays.fill(value, '\0');
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the known secrets: whether each is set, its hint and when it was changed. Never a value.")
    static final class ListSecrets extends SecretOperation {
        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            Company company = company(context);
            List<Secret> list = company == null
                    ? store(context).listPlatform()
                    : store(context).list(Actor.system(company.id(), Channel.CLI));
            Map<String, Secret> set = list.stream().collect(Collectors.toMap(Secret::name, Function.identity()));
            out.printf("%-24s %-16s %s%n", "NAME", "HINT", "UPDATED");
            List<String> names = new java.util.ArrayList<>(SecretStore.KNOWN);
            if (company == null) {
                names.addAll(SecretStore.PLATFORM_ONLY);
            }
            for (String name : names) {
                Secret s = set.get(name);
                out.printf("%-24s %-16s %s%n", name, s == null ? "-" : s.hint(), s == null ? "-" : TIME.format(s.updatedAt()));
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a secret.")
    static final class Remove extends SecretOperation {
        @Parameters(paramLabel = "NAME", description = "The secret's name.")
        String name;

        @Override
        void validate() {
            knownName(name);
        }

        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            Company company = company(context);
            if (company == null) {
                if (!store(context).removePlatform(name)) {
                    throw new NotFound(Message.of("ops.thing.platform-secret-set", name));
                }
            } else {
                store(context).remove(Actor.system(company.id(), Channel.CLI), name);
            }
            out.println("Removed " + name + " of " + whose() + ".");
            return 0;
        }
    }
}
