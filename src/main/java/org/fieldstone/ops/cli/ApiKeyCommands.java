package org.fieldstone.ops.cli;

import java.io.PrintStream;
import java.util.Optional;
import org.fieldstone.identity.ApiKeys;
import org.fieldstone.identity.Team;
import org.fieldstone.identity.User;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Role;
import org.fieldstone.tenancy.Company;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "apikey", mixinStandardHelpOptions = true, description = "Manage API keys.",
        subcommands = {ApiKeyCommands.Create.class})
final class ApiKeyCommands {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an API key for a user. Prints only the key, which is shown this once.")
    static final class Create extends CommandLineInterface.Operation {
        @Option(names = "--tenant", required = true, paramLabel = "SLUG", description = "The company's address.")
        String tenant;
        @Option(names = "--user", required = true, paramLabel = "EMAIL", description = "The user the key acts as.")
        String user;
        @Option(names = "--name", required = true, description = "What the key is for.")
        String name;
        @Option(names = "--role", description = "The key's role, no higher than the user's (default: the user's).")
        String role;
        @Option(names = "--expires-days", paramLabel = "D", description = "Expire after D days (default: never).")
        Integer expiresDays;

        private EmailAddress email;
        private Optional<Role> keyRole;

        @Override
        void validate() {
            email = new EmailAddress(user);
            keyRole = role == null ? Optional.empty() : Optional.of(Role.parse(role));
            if (expiresDays != null && expiresDays < 1) {
                throw new InvalidInput("expires-days", Message.of("ops.refused.expires-days"));
            }
            if (name.isBlank()) {
                throw new InvalidInput("name", Message.of("ops.refused.key-name"));
            }
        }

        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            Company company = UserCommands.company(context, tenant);
            Actor cli = Actor.system(company.id(), Channel.CLI);
            User owner = findUser(context.getBean(Team.class), cli, email);
            var created = context.getBean(ApiKeys.class)
                    .createFor(cli, owner.id(), name, keyRole, Optional.ofNullable(expiresDays));
            out.println(created.secret());
            return 0;
        }

        private static User findUser(Team team, Actor cli, EmailAddress email) {
            User u = team.findByEmail(cli, email)
                    .orElseThrow(() -> new InvalidInput("user", Message.of("ops.refused.no-user", email.value())));
            if (!u.active()) {
                throw new InvalidInput("user", Message.of("ops.refused.user-deactivated", email.value()));
            }
            return u;
        }
    }
}
