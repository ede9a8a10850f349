package org.fieldstone.ops.cli;

import java.io.PrintStream;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.fieldstone.ops.backup.BackupManifest;
import org.fieldstone.ops.backup.Backups;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanySnapshots;
import org.fieldstone.tenancy.CompanyStatus;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code backup now|list|verify|drill}: encrypted backups of company databases in the backup location (decision 0062). */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Take, list, verify and drill encrypted backups of company databases (fieldstone.backup.dir).",
        subcommands = {BackupCommands.Now.class, BackupCommands.ListBackups.class, BackupCommands.Verify.class,
                BackupCommands.Drill.class})
final class BackupCommands {

    private BackupCommands() {
    }

    /** Every active or suspended company, or the one named. */
    static List<Company> companies(ConfigurableApplicationContext context, String slug) {
        if (slug != null) {
            return List.of(UserCommands.company(context, slug));
        }
        return context.getBean(Companies.class).list().stream()
                .filter(c -> c.status() == CompanyStatus.ACTIVE || c.status() == CompanyStatus.SUSPENDED).toList();
    }

    @Command(name = "now", mixinStandardHelpOptions = true,
            description = "Back up one company, or every active and suspended one, now. Progress on stderr; one line per backup on stdout.")
    static final class Now extends CommandLineInterface.Operation {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Which which;

        static final class Which {
            @Option(names = "--tenant", paramLabel = "SLUG", description = "One company.")
            String tenant;
            @Option(names = "--all", description = "Every active and suspended company.")
            boolean all;
        }

        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            Backups backups = context.getBean(Backups.class);
            int exit = 0;
            for (Company company : companies(context, which.tenant)) {
                try {
                    BackupManifest m = backups.take(company, err::println);
                    out.printf("%s %s %s %d bytes%n", company.slug(), m.id(), m.takenAt(), m.size());
                } catch (RuntimeException e) {
                    err.println("fieldstone: " + company.slug() + ": backup FAILED: " + e.getMessage());
                    exit = 1;
                }
                backups.prune(company.id());
            }
            return exit;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the backups (oldest first): company, id, time, size, schema version, rows, audit head.")
    static final class ListBackups extends CommandLineInterface.Operation {
        @Option(names = "--tenant", paramLabel = "SLUG", description = "One company (default: all).")
        String tenant;

        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            Backups backups = context.getBean(Backups.class);
            err.println("Backup location: " + backups.location());
            for (Company company : companies(context, tenant)) {
                for (BackupManifest m : backups.list(company.id())) {
                    out.printf("%s %s %s %d bytes schema %s, %d rows, audit seq %d%n", company.slug(), m.id(), m.takenAt(),
                            m.size(), m.schemaVersion(), m.counts().values().stream().mapToLong(Long::longValue).sum(),
                            m.audit().seq());
                }
            }
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check the newest backup of one company (or of every one): hash, key, decryption, opening it in a "
                    + "scratch database, record counts and audit head against its manifest, audit chain.",
                    "Exit 0 when every one is good, 1 otherwise. The live companies are not touched."})
    static final class Verify extends CommandLineInterface.Operation {
        @Option(names = "--tenant", paramLabel = "SLUG", description = "One company (default: all).")
        String tenant;

        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            Backups backups = context.getBean(Backups.class);
            int exit = 0;
            for (Company company : companies(context, tenant)) {
                Optional<BackupManifest> newest = backups.newest(company.id());
                if (newest.isEmpty()) {
                    out.printf("%s: NO BACKUP%n", company.slug());
                    exit = 1;
                    continue;
                }
                Backups.Check check = backups.check(company, newest.get(), err::println);
                out.printf("%s %s: %s %s%n", company.slug(), newest.get().id(), check.good() ? "good," : "BAD:", check.reason());
                if (!check.good()) {
                    exit = 1;
                }
            }
            return exit;
        }
    }

    @Command(name = "drill", mixinStandardHelpOptions = true,
            description = "Run a restore drill now: the newest backup of one company (default: one chosen at random) restored "
                    + "into a scratch database and compared with its manifest. Exit 1 when it fails.")
    static final class Drill extends CommandLineInterface.Operation {
        @Option(names = "--tenant", paramLabel = "SLUG", description = "The company (default: one at random).")
        String tenant;

        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            Optional<Company> company = tenant == null ? Optional.empty() : Optional.of(UserCommands.company(context, tenant));
            var check = context.getBean(Backups.class).drill(company, err::println);
            if (check.isEmpty()) {
                out.println("no company has a backup: nothing to drill");
                return 1;
            }
            out.printf("%s: drill %s %s%n", check.get().backup() == null ? tenant : check.get().backup().slug(),
                    check.get().good() ? "passed:" : "FAILED:", check.get().reason());
            return check.get().good() ? 0 : 1;
        }
    }

    /**
     * {@code restore --tenant S [--at TIME] [--as NAME]}: in place (the company suspended meanwhile), or as an inspection
     * copy beside it.
     */
    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = {"Restore a company from its newest backup taken at or before --at (default: its newest).",
                    "In place: the company is suspended meanwhile and resumed if it was active; its audit trail records the restore.",
                    "With --as NAME: an inspection copy beside the company's database instead (its data stays sealed under the "
                            + "company's keys); the company is not touched."})
    static final class Restore extends CommandLineInterface.Operation {
        @Option(names = "--tenant", required = true, paramLabel = "SLUG", description = "The company.")
        String tenant;
        @Option(names = "--at", paramLabel = "TIME", description = "A time like 2026-12-01T10:15Z: the newest backup taken at or before it.")
        String at;
        @Option(names = "--as", paramLabel = "NAME", description = "Restore as an inspection copy named NAME (1-15 letters and digits).")
        String as;

        private Instant atTime;

        @Override
        void validate() {
            if (at != null) {
                try {
                    atTime = OffsetDateTime.parse(at.replaceFirst("^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d)(Z|[+-].*)$", "$1:00$2")).toInstant();
                } catch (DateTimeException e) {
                    throw new InvalidInput("at", Message.of("ops.backup.refused.at"));
                }
            }
            if (as != null && !as.matches("^[a-z0-9]{1,15}$")) {
                throw new InvalidInput("as", Message.of("ops.backup.refused.as"));
            }
        }

        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            Company company = UserCommands.company(context, tenant);
            Backups backups = context.getBean(Backups.class);
            BackupManifest backup = (atTime == null ? backups.newest(company.id()) : backups.newestAtOrBefore(company.id(), atTime))
                    .orElseThrow(() -> new InvalidInput("at", atTime == null
                            ? Message.of("ops.backup.refused.none", company.slug())
                            : Message.of("ops.backup.refused.none-before", company.slug(), atTime.toString())));
            if (as != null) {
                try (CompanySnapshots.Restored copy = backups.restoreAsCopy(company, backup, as, err::println)) {
                    out.printf("%s: backup %s taken %s restored as the copy %s at %s (%d rows)%n", company.slug(), backup.id(),
                            backup.takenAt(), as, copy.location(),
                            copy.contents().counts().values().stream().mapToLong(Long::longValue).sum());
                }
                return 0;
            }
            var restored = backups.restoreInPlace(company, backup, Actor.system(company.id(), Channel.CLI), err::println);
            out.printf("%s: restored from backup %s taken %s (%d rows; audit trail through seq %d, then the restore)%n",
                    company.slug(), backup.id(), backup.takenAt(),
                    restored.counts().values().stream().mapToLong(Long::longValue).sum(), restored.auditHead().seq());
            return 0;
        }
    }
}
