package org.fieldstone.ops.cli;

import java.io.PrintStream;
import java.util.List;
import org.fieldstone.crypto.KeyStatus;
import org.fieldstone.crypto.MasterKeys;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyKeys;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Rotate companies' keys and the master key; show rotation progress.",
        subcommands = {KeyCommands.Rotate.class, KeyCommands.Status.class, KeyCommands.Reencrypt.class,
                KeyCommands.RotateMaster.class})
final class KeyCommands {

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Add new primary keys for a company. A running server re-encrypts the old data in the "
                    + "background (follow it with 'keys status'); 'keys reencrypt' does it here and now.")
    static final class Rotate extends CommandLineInterface.Operation {
        @Option(names = "--tenant", required = true, paramLabel = "SLUG", description = "The company.")
        String tenant;

        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            Company company = UserCommands.company(context, tenant);
            CompanyKeys keys = context.getBean(CompanyKeys.class);
            CompanyKeys.Status status = keys.rotate(Actor.system(company.id(), Channel.CLI), company.id());
            out.printf("%s: new primary keys %s; remaining=%d values under older keys.%n", company.slug(),
                    primaries(status.keys()), status.remaining());
            out.printf("A running server re-encrypts them in the background; follow with: fieldstone keys status --tenant %s%n",
                    company.slug());
            out.printf("With no server running: fieldstone keys reencrypt --tenant %s%n", company.slug());
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show a company's keys and how many values are still under an older key (remaining=N).")
    static final class Status extends CommandLineInterface.Operation {
        @Option(names = "--tenant", required = true, paramLabel = "SLUG", description = "The company.")
        String tenant;

        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            Company company = UserCommands.company(context, tenant);
            CompanyKeys.Status status = context.getBean(CompanyKeys.class).status(company.id());
            KeyStatus keys = status.keys();
            out.printf("%s: remaining=%d%s%n", company.slug(), status.remaining(),
                    status.remaining() == 0 ? (keys.rotating() ? " (old keys are disabled at the next run of the job)" : "")
                            : " (re-encryption in progress)");
            out.printf("master key %s%n", keys.masterKeyId());
            for (KeyStatus.Key k : keys.keys()) {
                out.printf("  %-6s %s %-8s%s%n", k.purpose() == KeyStatus.Purpose.FIELDS ? "fields" : "index", k.id(),
                        k.state().name().toLowerCase(java.util.Locale.ROOT),
                        k.disabledAt() == null ? "" : " since " + k.disabledAt());
            }
            return 0;
        }
    }

    @Command(name = "reencrypt", mixinStandardHelpOptions = true,
            description = "Re-encrypt a company's data still under older keys now (what a running server does in the "
                    + "background; safe while it runs), then disable the old keys. Resumes where a stopped run left off.")
    static final class Reencrypt extends CommandLineInterface.Operation {
        @Option(names = "--tenant", required = true, paramLabel = "SLUG", description = "The company.")
        String tenant;

        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            Company company = UserCommands.company(context, tenant);
            CompanyKeys keys = context.getBean(CompanyKeys.class);
            long done = keys.reencrypt(company.id(), remaining -> err.printf("%s: remaining=%d%n", company.slug(), remaining));
            out.printf("%s: %d values re-encrypted; remaining=0; old keys disabled.%n", company.slug(), done);
            return 0;
        }
    }

    @Command(name = "rotate-master", mixinStandardHelpOptions = true,
            description = "Wrap every company's keys under a new master key, then replace the master key file. "
                    + "Resumable. Back up the new key file afterwards: the old one is gone.")
    static final class RotateMaster extends CommandLineInterface.Operation {
        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            MasterKeys master = context.getBean(MasterKeys.class);
            String before = master.currentId();
            int[] n = {0};
            int rewrapped = master.rotate(owner -> {
                n[0]++;
                err.printf("re-wrapped %d: %s%n", n[0], owner);
            });
            out.printf("master key rotated: %s -> %s; %d keyset(s) re-wrapped.%n", before, master.currentId(), rewrapped);
            out.println("Back up the new master key file now and keep the copy apart from the data and its backups.");
            return 0;
        }
    }

    private static String primaries(KeyStatus keys) {
        List<String> ids = keys.keys().stream().filter(k -> k.state() == KeyStatus.State.PRIMARY)
                .map(k -> (k.purpose() == KeyStatus.Purpose.FIELDS ? "fields " : "index ") + k.id()).toList();
        return String.join(", ", ids);
    }
}
