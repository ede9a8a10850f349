package org.fieldstone.ops.cli;

import java.io.PrintStream;
import org.fieldstone.identity.Accounts;
import org.fieldstone.identity.MultiFactor;
import org.fieldstone.identity.Team;
import org.fieldstone.identity.User;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Role;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "user", mixinStandardHelpOptions = true, description = "Manage a company's users.",
        subcommands = {UserCommands.Add.class, UserCommands.ResetMfa.class})
final class UserCommands {

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add an active user; the password is read from stdin. Prints the user id.")
    static final class Add extends CommandLineInterface.Operation {
        @Option(names = "--tenant", required = true, paramLabel = "SLUG", description = "The company's address.")
        String tenant;
        @Option(names = "--email", required = true, description = "Login email.")
        String email;
        @Option(names = "--role", required = true, description = "OWNER, ADMIN, USER or READ_ONLY.")
        String role;
        @Option(names = "--name", description = "Display name (default: from the email).")
        String name;

        private EmailAddress address;
        private Role parsedRole;
        private char[] password;

        @Override
        void validate() {
            address = new EmailAddress(email);
            parsedRole = Role.parse(role);
        }

        @Override
        void readInput(CommandLineInterface cli) {
            password = cli.readSecret("Password");
        }

        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            Company company = company(context, tenant);
            User user = context.getBean(Accounts.class)
                    .addUser(Actor.system(company.id(), Channel.CLI), address, name, parsedRole, password);
            out.println(user.id());
            return 0;
        }
    }

    @Command(name = "reset-mfa", mixinStandardHelpOptions = true,
            description = "Turn off a user's two-step verification (a lost device and no recovery code left, e.g. of the"
                    + " only owner); ends all their sessions. Audited.")
    static final class ResetMfa extends CommandLineInterface.Operation {
        @Option(names = "--tenant", required = true, paramLabel = "SLUG", description = "The company's address.")
        String tenant;
        @Option(names = "--email", required = true, description = "The user's login email.")
        String email;

        private EmailAddress address;

        @Override
        void validate() {
            address = new EmailAddress(email);
        }

        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            Company company = company(context, tenant);
            Actor cli = Actor.system(company.id(), Channel.CLI);
            User user = context.getBean(Team.class).findByEmail(cli, address)
                    .orElseThrow(() -> new InvalidInput("email", Message.of("ops.refused.no-user", address.value())));
            context.getBean(MultiFactor.class).reset(cli, user.id());
            out.println("Two-step verification of " + address + " is off; their sessions ended.");
            return 0;
        }
    }

    static Company company(ConfigurableApplicationContext context, String slug) {
        return context.getBean(Companies.class).findBySlug(slug)
                .orElseThrow(() -> new InvalidInput("tenant", Message.of("ops.refused.no-company", slug)));
    }
}
