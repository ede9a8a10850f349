package org.fieldstone.ops.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.fieldstone.identity.Accounts;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyExports;
import org.fieldstone.tenancy.CompanyStatus;
import org.fieldstone.tenancy.DestroyedCompany;
import org.fieldstone.tenancy.NewCompany;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "tenant", mixinStandardHelpOptions = true,
        description = "Create, list, suspend, resume, delete and restore companies.",
        subcommands = {TenantCommands.Create.class, TenantCommands.ListCompanies.class, TenantCommands.Suspend.class,
                TenantCommands.Resume.class, TenantCommands.Delete.class, TenantCommands.Restore.class})
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
                throw new InvalidInput("time-zone", Message.of("ops.refused.time-zone", timeZone));
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

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List companies; deleted ones with the time their data is destroyed, destroyed ones with when.")
    static final class ListCompanies extends CommandLineInterface.Operation {
        private static final String ROW = "%-24s %-10s %-36s %-20s %s%n";

        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            Companies companies = context.getBean(Companies.class);
            out.printf(ROW, "SLUG", "STATUS", "ID", "DESTRUCTION", "NAME");
            for (Company c : companies.list()) {
                out.printf(ROW, c.slug(), c.status(), c.id(), c.deleteAfter() == null ? "-" : time(c.deleteAfter()), c.name());
            }
            for (DestroyedCompany d : companies.destroyed()) {
                out.printf(ROW, d.slug(), "DESTROYED", d.id(), time(d.destroyedAt()), "-");
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

    @Command(name = "delete", mixinStandardHelpOptions = true, description = {
            "Delete a company. First writes an export of all its data (JSON, readable only by you), then refuses the "
                    + "company everywhere and keeps its address; after the grace period its keys are destroyed, then its "
                    + "database: no copy of its data, backups included, can be read after that. Until then "
                    + "'tenant restore SLUG' undoes the deletion.",
            "Asks you to type the company's address to confirm; without a terminal, --yes is required."})
    static final class Delete extends StatusChange {
        @Option(names = "--export", paramLabel = "FILE", description = "Where to write the export (default: ./SLUG-export-DATE.json); never overwritten.")
        Path export;
        @Option(names = "--no-export", description = "Write no export.")
        boolean noExport;
        @Option(names = "--with-files", description = "Write the export as a ZIP archive with the files' content (see 'export company').")
        boolean withFiles;
        @Option(names = "--encrypt", description = "Encrypt the archive under a passphrase asked twice (needs --with-files).")
        boolean encrypt;
        @Option(names = "--passphrase-file", paramLabel = "FILE", description = "Read the archive's passphrase from the first line of FILE.")
        Path passphraseFile;
        @Option(names = "--grace", paramLabel = "DURATION",
                description = "How long the company can be restored, ISO-8601 like P30D or PT12H (default: fieldstone.companies.deletion-grace, P30D).")
        String grace;
        @Option(names = "--now", description = "Destroy its keys and database at once: no grace period, no restore.")
        boolean now;
        @Option(names = "--yes", description = "Do not ask for confirmation.")
        boolean yes;

        private Duration parsedGrace;
        private Path exportFile;
        private char[] passphrase;

        @Override
        void validate() {
            slug = slug.strip().toLowerCase(Locale.ROOT);
            if (export != null && noExport) {
                throw new InvalidInput("export", Message.of("ops.refused.export-or-not"));
            }
            if (encrypt && !withFiles) {
                throw new InvalidInput("encrypt", Message.of("ops.refused.encrypt-without-files"));
            }
            if (withFiles && noExport) {
                throw new InvalidInput("export", Message.of("ops.refused.export-or-not"));
            }
            if (grace != null && now) {
                throw new InvalidInput("grace", Message.of("ops.refused.grace-or-now"));
            }
            if (grace != null) {
                try {
                    parsedGrace = Duration.parse(grace);
                } catch (DateTimeParseException e) {
                    throw new InvalidInput("grace", Message.of("ops.refused.grace-format"));
                }
                if (parsedGrace.isNegative() || parsedGrace.compareTo(Duration.ofDays(365)) > 0) {
                    throw new InvalidInput("grace", Message.of("ops.refused.grace", 365));
                }
            }
            if (!noExport) {
                exportFile = (export != null ? export
                        : Path.of(ExportCommands.defaultName(slug, withFiles, encrypt))).toAbsolutePath().normalize();
                if (Files.exists(exportFile)) {
                    throw new InvalidInput("export", Message.of("ops.refused.export-exists", exportFile.toString()));
                }
                if (exportFile.getParent() != null && !Files.isDirectory(exportFile.getParent())) {
                    throw new InvalidInput("export", Message.of("ops.refused.export-directory", exportFile.getParent().toString()));
                }
            }
        }

        @Override
        void readInput(CommandLineInterface cli) {
            if (encrypt) {
                passphrase = ExportCommands.passphrase(cli, passphraseFile, true);
            }
            if (yes) {
                return;
            }
            if (!cli.atTerminal()) {
                throw new InvalidInput("yes", Message.of("ops.refused.delete-unconfirmed"));
            }
            String typed = cli.ask("This deletes company " + slug + (now ? " and destroys its data at once, for good"
                    : ", whose data is destroyed after the grace period") + ". Type its address to confirm");
            if (!slug.equals(typed)) {
                throw new InvalidInput("yes", Message.of("ops.refused.delete-mistyped"));
            }
        }

        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            Companies companies = context.getBean(Companies.class);
            Company company = UserCommands.company(context, slug);
            if (company.status() != CompanyStatus.ACTIVE && company.status() != CompanyStatus.SUSPENDED) {
                throw new Conflict(company.deleteAfter() != null
                        ? Message.of("ops.refused.company-deleted-already", company.slug(), company.status().word(),
                                time(company.deleteAfter()))
                        : Message.of("ops.refused.company-status", company.slug(), company.status().word()));
            }
            Actor operator = Actor.system(company.id(), Channel.CLI);
            Duration keptFor = now ? Duration.ZERO : parsedGrace != null ? parsedGrace : companies.deletionGrace();
            if (exportFile != null) {
                Map<String, Long> counts = export(context.getBean(CompanyExports.class), operator);
                out.println("Exported " + company.slug() + " to " + exportFile + " (" + counts.entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")) + ").");
            }
            Company deleted = companies.delete(company.slug(), operator, keptFor);
            if (exportFile == null) {
                out.println("No export was written (--no-export).");
            }
            if (now) {
                companies.destroy(company.slug());
                out.println("Destroyed " + company.slug() + ": its keys are gone and its database is removed. No copy of "
                        + "its data can be read any more; its address is free.");
            } else {
                out.println("Deleted " + company.slug() + ": it is refused everywhere from now on. Its keys and database "
                        + "are destroyed after " + time(deleted.deleteAfter()) + ".");
                out.println("Until then, 'fieldstone tenant restore " + company.slug() + "' brings it back.");
            }
            return 0;
        }

        /** Writes the export to a new file readable only by its owner; a broken-off export leaves no file. */
        private Map<String, Long> export(CompanyExports exports, Actor operator) {
            try {
                Files.createFile(exportFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException e) {
                throw new InvalidInput("export", Message.of("ops.refused.export-exists", exportFile.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create " + exportFile, e);
            }
            try (OutputStream file = Files.newOutputStream(exportFile, StandardOpenOption.WRITE)) {
                return withFiles ? exports.exportArchive(operator, file, passphrase) : exports.export(operator, file);
            } catch (IOException e) {
                removeExport();
                throw new UncheckedIOException("Cannot write the export to " + exportFile + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                removeExport();
                throw e;
            }
        }

        private void removeExport() {
            try {
                Files.deleteIfExists(exportFile);
            } catch (IOException ignored) {
                // the export failed anyway, and the company stays as it was
            }
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Undo a deletion before the company's data is destroyed: it is served again as before.")
    static final class Restore extends StatusChange {
        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            Company company = UserCommands.company(context, slug);
            Company restored = context.getBean(Companies.class).restore(company.slug(), Actor.system(company.id(), Channel.CLI));
            out.println("Restored " + company.slug() + ": it is " + restored.status().name().toLowerCase(Locale.ROOT) + " again.");
            return 0;
        }
    }

    abstract static class StatusChange extends CommandLineInterface.Operation {
        @Parameters(paramLabel = "SLUG", description = "The company's address.")
        String slug;
    }

    /** A point in time as the CLI prints it: UTC, to the second. */
    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
