package org.fieldstone.ops.cli;

import java.io.PrintStream;
import org.fieldstone.identity.Operators;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "operator", mixinStandardHelpOptions = true,
        description = "Manage the platform's operator accounts (support staff; they see a company's data only under"
                + " its owner's support grant).",
        subcommands = {OperatorCommands.Add.class, OperatorCommands.ListOperators.class, OperatorCommands.Remove.class})
final class OperatorCommands {

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add an operator; the password is read from stdin. Prints the TOTP secret and otpauth URI"
                    + " once: enrol it in an authenticator app now (sign-in always asks for a code).")
    static final class Add extends CommandLineInterface.Operation {
        @Option(names = "--email", required = true, description = "Sign-in email.")
        String email;
        @Option(names = "--name", required = true, description = "Display name.")
        String name;

        private EmailAddress address;
        private char[] password;

        @Override
        void validate() {
            address = new EmailAddress(email);
        }

        @Override
        void readInput(CommandLineInterface cli) {
            password = cli.readSecret("Password");
        }

        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            Operators.Enrolment enrolment = context.getBean(Operators.class).add(address.value(), name, password);
            out.println(enrolment.operator().id());
            out.println("TOTP secret: " + enrolment.secret());
            out.println("otpauth URI: " + enrolment.otpauthUri());
            err.println("Shown this once: add it to the operator's authenticator app now.");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the operators.")
    static final class ListOperators extends CommandLineInterface.Operation {
        private static final String ROW = "%-40s %-20s %s%n";

        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            out.printf(ROW, "EMAIL", "CREATED", "NAME");
            for (Operators.Operator o : context.getBean(Operators.class).list()) {
                out.printf(ROW, o.email(), o.createdAt().truncatedTo(java.time.temporal.ChronoUnit.MINUTES), o.name());
            }
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove an operator; their sessions end at once and their grants let nobody in.")
    static final class Remove extends CommandLineInterface.Operation {
        @Option(names = "--email", required = true, description = "The operator's email.")
        String email;

        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            if (!context.getBean(Operators.class).remove(email)) {
                throw new InvalidInput("email", Message.of("ops.refused.no-operator", email));
            }
            out.println("Operator " + email + " removed.");
            return 0;
        }
    }
}
