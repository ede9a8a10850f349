package org.fieldstone.ops.cli;

import java.io.PrintStream;
import java.time.DateTimeException;
import java.time.ZoneId;
import org.fieldstone.identity.Accounts;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.NewCompany;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "tenant", mixinStandardHelpOptions = true, description = "Create, list, suspend and resume companies.",
        subcommands = {TenantCommands.Create.class, TenantCommands.ListCompanies.class, TenantCommands.Suspend.class,
                TenantCommands.Resume.class})
final class TenantCommands {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a company and its owner; the owner's password is read from stdin. Prints the company id.")
    static final class Create extends CommandLineInterface.Operation {
        @Option(names = "--slug", required = true, description = "Address of the company: /c/SLUG/…")
        String slug;
        @Option(names = "--name", required = true, description = "The company's name.")
        String name;
        @Option(names = "--owner-email", required = true, description = "The owner's login email.")
        String ownerEmail;
        @Option(names = "--owner-name", description = "The owner's name (default: from the email).")
        String ownerName;
        @Option(names = "--time-zone", defaultValue = "UTC", description = "The company's time zone, e.g. Europe/Zurich.")
        String timeZone;
        @Option(names = "--country", defaultValue = "US", description = "Two-letter country code: the default for phone numbers and addresses.")
        String country;

        private NewCompany company;
        private EmailAddress email;
        private char[] password;

        @Override
        void validate() {
            ZoneId zone;
            try {
                zone = ZoneId.of(timeZone);
            } catch (DateTimeException e) {
                throw new InvalidInput("time-zone", "Unknown time zone \"" + timeZone + "\"; use a name like Europe/Zurich.");
            }
            company = new NewCompany(slug, name, zone, country);
            email = new EmailAddress(ownerEmail);
        }

        @Override
        void readInput(CommandLineInterface cli) {
            password = cli.readSecret("Owner password");
        }

        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            Company created = context.getBean(Accounts.class).createCompany(company, email, ownerName, password);
            out.println(created.id());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List companies.")
    static final class ListCompanies extends CommandLineInterface.Operation {
        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            var companies = context.getBean(Companies.class).list();
            out.printf("%-24s %-10s %-36s %s%n", "SLUG", "STATUS", "ID", "NAME");
            for (Company c : companies) {
                out.printf("%-24s %-10s %-36s %s%n", c.slug(), c.status(), c.id(), c.name());
            }
            return 0;
        }
    }

    @Command(name = "suspend", mixinStandardHelpOptions = true, description = "Refuse every request of a company until resumed.")
    static final class Suspend extends StatusChange {
        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            Company company = UserCommands.company(context, slug);
            context.getBean(Companies.class).suspend(company.slug(), Actor.system(company.id(), Channel.CLI));
            out.println("Suspended " + company.slug() + ".");
            return 0;
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Serve a suspended company again.")
    static final class Resume extends StatusChange {
        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            Company company = UserCommands.company(context, slug);
            context.getBean(Companies.class).resume(company.slug(), Actor.system(company.id(), Channel.CLI));
            out.println("Resumed " + company.slug() + ".");
            return 0;
        }
    }

    abstract static class StatusChange extends CommandLineInterface.Operation {
        @Parameters(paramLabel = "SLUG", description = "The company's address.")
        String slug;
    }
}
