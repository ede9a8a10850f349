package org.fieldstone.ops.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyExports;
import org.fieldstone.tenancy.EncryptedExports;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Company exports: {@code export company SLUG} writes one (JSON, or a ZIP archive with the files, plain or encrypted
 * under a passphrase), {@code export decrypt} opens an encrypted archive. A passphrase is read at a terminal (twice
 * when encrypting) or from {@code --passphrase-file}, never from an argument.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a company's export, or decrypt an encrypted export archive.",
        subcommands = {ExportCommands.CompanyExport.class, ExportCommands.Decrypt.class})
final class ExportCommands {

    private ExportCommands() {
    }

    /** Reads the passphrase: the file's first line, else at the terminal ({@code twice} to confirm a new one). */
    static char[] passphrase(CommandLineInterface cli, Path file, boolean twice) {
        char[] value;
        if (file != null) {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                int nl = text.indexOf('\n');
                value = (nl < 0 ? text : text.substring(0, nl)).replace("\r", "").toCharArray();
            } catch (IOException e) {
                throw new InvalidInput("passphrase-file", Message.of("ops.refused.passphrase-file", file.toString(),
                        String.valueOf(e.getMessage())));
            }
        } else {
            if (!cli.atTerminal()) {
                throw new InvalidInput("passphrase-file", Message.of("ops.refused.passphrase-terminal"));
            }
            value = cli.readSecret("Passphrase", "passphrase");
            if (twice) {
                char[] again = cli.readSecret("Passphrase again", "passphrase");
                boolean same = Arrays.equals(value, again);
                Arrays.fill(again, '\0');
                if (!same) {
                    throw new InvalidInput("passphrase", Message.of("ops.refused.passphrase-mismatch"));
                }
            }
        }
        if (twice && value.length < EncryptedExports.MIN_PASSPHRASE) {
            throw new InvalidInput("passphrase", Message.of("ops.refused.passphrase-short", EncryptedExports.MIN_PASSPHRASE));
        }
        return value;
    }

    /** A new file readable only by its owner, refused when it exists. */
    static OutputStream newPrivateFile(Path file, String option) {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            return Files.newOutputStream(file, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            throw new InvalidInput(option, Message.of("ops.refused.export-exists", file.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + file, e);
        }
    }

    /**
     * Writes a company's export to a new private file: JSON, or with {@code withFiles} a ZIP archive (encrypted when
     * a {@code passphrase} is given). A broken-off export leaves no file.
     */
    static Map<String, Long> write(CompanyExports exports, Actor operator, Path file, boolean withFiles, char[] passphrase) {
        try (OutputStream out = newPrivateFile(file, "export")) {
            return withFiles ? exports.exportArchive(operator, out, passphrase) : exports.export(operator, out);
        } catch (IOException e) {
            deleteQuietly(file);
            throw new UncheckedIOException("Cannot write the export to " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        } finally {
            if (passphrase != null) {
                Arrays.fill(passphrase, '\0');
            }
        }
    }

    static String defaultName(String slug, boolean withFiles, boolean encrypted) {
        return slug + "-export-" + LocalDate.now(ZoneOffset.UTC) + (withFiles ? encrypted ? ".zip.enc" : ".zip" : ".json");
    }

    static String summary(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // what failed is reported already
        }
    }

    @Command(name = "company", mixinStandardHelpOptions = true, description = {
            "Write an export of all of a company's data, recorded in its audit trail: JSON, or with --with-files a ZIP "
                    + "archive holding export.json and every clean file as files/ID/NAME; with --encrypt the archive "
                    + "is encrypted under a passphrase (read at the terminal, twice, or from --passphrase-file).",
            "Open an encrypted archive with 'fieldstone export decrypt'."})
    static final class CompanyExport extends CommandLineInterface.Operation {
        @Parameters(paramLabel = "SLUG", description = "The company's address.")
        String slug;
        @Option(names = "--out", paramLabel = "FILE",
                description = "Where to write it (default: ./SLUG-export-DATE.json, .zip or .zip.enc); never overwritten.")
        Path target;
        @Option(names = "--with-files", description = "Write a ZIP archive with the files' content.")
        boolean withFiles;
        @Option(names = "--encrypt", description = "Encrypt the archive under a passphrase (needs --with-files).")
        boolean encrypt;
        @Option(names = "--passphrase-file", paramLabel = "FILE", description = "Read the passphrase from the first line of FILE.")
        Path passphraseFile;

        private Path file;
        private char[] passphrase;

        @Override
        void validate() {
            slug = slug.strip().toLowerCase(Locale.ROOT);
            if (encrypt && !withFiles) {
                throw new InvalidInput("encrypt", Message.of("ops.refused.encrypt-without-files"));
            }
            file = (target != null ? target : Path.of(defaultName(slug, withFiles, encrypt))).toAbsolutePath().normalize();
            if (Files.exists(file)) {
                throw new InvalidInput("export", Message.of("ops.refused.export-exists", file.toString()));
            }
        }

        @Override
        void readInput(CommandLineInterface cli) {
            if (encrypt) {
                passphrase = passphrase(cli, passphraseFile, true);
            }
        }

        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            Company company = UserCommands.company(context, slug);
            Map<String, Long> counts = write(context.getBean(CompanyExports.class),
                    Actor.system(company.id(), Channel.CLI), file, withFiles, passphrase);
            out.println("Exported " + company.slug() + " to " + file + " (" + summary(counts) + ").");
            return 0;
        }
    }

    @Command(name = "decrypt", mixinStandardHelpOptions = true, description = {
            "Decrypt an encrypted export archive (export company --with-files --encrypt, or Settings → Company) into a "
                    + "plain ZIP. The passphrase is read at the terminal or from --passphrase-file. A wrong passphrase "
                    + "or a changed byte is refused and leaves no output."})
    static final class Decrypt extends CommandLineInterface.Operation implements CommandLineInterface.Standalone {
        @Option(names = "--in", required = true, paramLabel = "FILE", description = "The encrypted archive.")
        Path in;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the ZIP; never overwritten.")
        Path target;
        @Option(names = "--passphrase-file", paramLabel = "FILE", description = "Read the passphrase from the first line of FILE.")
        Path passphraseFile;

        private char[] passphrase;

        @Override
        void validate() {
            if (!Files.isRegularFile(in)) {
                throw new InvalidInput("in", Message.of("ops.refused.decrypt-in", in.toString()));
            }
            if (Files.exists(target)) {
                throw new InvalidInput("out", Message.of("ops.refused.export-exists", target.toString()));
            }
        }

        @Override
        void readInput(CommandLineInterface cli) {
            passphrase = passphrase(cli, passphraseFile, false);
        }

        @Override
        int execute(ConfigurableApplicationContext context, PrintStream out) {
            return run(out);
        }

        @Override
        public int run(PrintStream out) {
            long bytes;
            try (InputStream encrypted = Files.newInputStream(in);
                 InputStream plain = EncryptedExports.decrypting(encrypted, passphrase);
                 OutputStream zip = newPrivateFile(target, "out")) {
                bytes = plain.transferTo(zip);
            } catch (EncryptedExports.NotOpened e) {
                deleteQuietly(target);
                throw new InvalidInput("in", Message.of("ops.refused.decrypt-failed", in.toString(), e.getMessage()));
            } catch (IOException e) {
                deleteQuietly(target);
                throw new UncheckedIOException("Cannot decrypt " + in + ": " + e.getMessage(), e);
            } finally {
                Arrays.fill(passphrase, '\0');
            }
            out.println("Decrypted " + in + " to " + target + " (" + bytes + " bytes).");
            return 0;
        }
    }
}
