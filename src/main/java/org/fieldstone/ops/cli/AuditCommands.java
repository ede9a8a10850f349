package org.fieldstone.ops.cli;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.audit.Verification;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "audit", mixinStandardHelpOptions = true, description = "Verify and prune companies' audit trails.",
        subcommands = {AuditCommands.Verify.class, AuditCommands.Prune.class})
final class AuditCommands {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Walk the hash chain and compare its end with the control-plane anchor. "
                    + "Exit 0 when intact, 1 naming the first bad entry when not.")
    static final class Verify extends CommandLineInterface.Operation {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Which which;

        static final class Which {
            @Option(names = "--tenant", paramLabel = "SLUG", description = "One company.")
            String tenant;
            @Option(names = "--all", description = "Every company.")
            boolean all;
        }

        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            List<Company> companies = which.all ? context.getBean(Companies.class).list()
                    : List.of(UserCommands.company(context, which.tenant));
            AuditTrail audit = context.getBean(AuditTrail.class);
            CompanyDatabases databases = context.getBean(CompanyDatabases.class);
            int exit = 0;
            for (Company company : companies) {
                if (company.status() == org.fieldstone.tenancy.CompanyStatus.DESTROYING) {
                    out.printf("%s: being destroyed, not verified%n", company.slug());
                    continue;
                }
                Verification v = audit.verify(company.id(), databases.of(company.id()).jdbc());
                if (v.intact()) {
                    out.printf("%s: intact, %d entries (%s)%n", company.slug(), v.entries(), v.reason());
                } else {
                    out.printf("%s: TAMPERED at seq %d: %s%n", company.slug(), v.firstBadSeq(), v.reason());
                    exit = 1;
                }
            }
            return exit;
        }
    }

    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = "Remove the entries older than a date (UTC). Dates inside the retention period "
                    + "(at least 3 years) are refused; the remaining trail stays verifiable.")
    static final class Prune extends CommandLineInterface.Operation {
        @Option(names = "--tenant", required = true, paramLabel = "SLUG", description = "The company.")
        String tenant;
        @Option(names = "--before", required = true, paramLabel = "DATE", description = "YYYY-MM-DD: entries before this day go.")
        String before;

        private LocalDate day;

        @Override
        void validate() {
            try {
                day = LocalDate.parse(before);
            } catch (DateTimeParseException e) {
                throw new InvalidInput("before", Message.of("ops.refused.before"));
            }
        }

        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            Company company = UserCommands.company(context, tenant);
            AuditTrail audit = context.getBean(AuditTrail.class);
            CompanyDatabase db = context.getBean(CompanyDatabases.class).of(company.id());
            var pruned = db.inTransaction(() -> audit.prune(Actor.system(company.id(), Channel.CLI), db.jdbc(),
                    day.atStartOfDay().toInstant(ZoneOffset.UTC)));
            audit.flushAnchors();
            Verification v = audit.verify(company.id(), db.jdbc());
            out.printf("%s: pruned %d entries (through seq %d); %d remain, %s%n", company.slug(), pruned.removed(),
                    pruned.throughSeq(), v.entries(), v.intact() ? "the trail verifies" : "VERIFICATION FAILED: " + v.reason());
            return v.intact() ? 0 : 1;
        }
    }
}
