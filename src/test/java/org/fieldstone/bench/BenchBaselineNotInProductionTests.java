package org.fieldstone.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.fieldstone.FieldstoneApplication;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.ops.Cli;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.fieldstone.support.SqliteApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.context.ApplicationContext;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;

/**
 * The production application has no benchmark code (decision 0020): no unauthenticated baseline, not even behind
 * a property, no {@code bench} command, no class or resource of the benchmark in its classes. Runs on the shared
 * test application, whose class path holds the benchmark's classes (they are test classes): they must stay inert.
 */
@SqliteApplicationTest
class BenchBaselineNotInProductionTests {

    @Autowired Fixtures fixtures;
    @Autowired Clients clients;
    @Autowired ApplicationContext context;
    @Value("${server.port}") int port;

    @Test
    void theBaselinePathIsRefusedLikeAnyUnknownPathAndNothingIsExemptFromSecurity() {
        TestCompany c = fixtures.company("bench-off");
        Client client = clients.create(c.system(), new NewClient("Baseline Probe", null, null, null, null), null);

        Https.Response r = new Https(port).get("/bench/baseline/" + c.company.id().compact() + "/clients/" + client.id());

        assertThat(r.status()).isIn(401, 404);
        assertThat(r.body()).doesNotContain("Baseline Probe");
        assertThat(r.header("Strict-Transport-Security")).as("behind the security filter chain").isNotNull();
        assertThat(context.getBeansOfType(WebSecurityCustomizer.class)).isEmpty();
        assertThat(context.getBeanNamesForType(BenchBaseline.class)).as("not found by component scanning").isEmpty();
    }

    @Test
    void noAutoConfigurationOnTheTestClassPathImportsTheBenchmark() {
        // the bench jar's imports file lives in bench/resources: in src/test/resources it would reach every test
        assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).getCandidates())
                .noneMatch(name -> name.startsWith("org.fieldstone.bench."));
    }

    @Test
    void noProductionClassOrResourceIsBenchmarkCode() throws IOException, URISyntaxException {
        JavaClasses production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.fieldstone");
        assertThat(production).as("production classes imported").isNotEmpty();
        noClasses().should().resideInAPackage("org.fieldstone.bench..")
                .orShould().haveSimpleNameStartingWith("Bench")
                .check(production);

        // and no string constant, property name or resource of the baseline survives anywhere in the classes
        Path classes = Path.of(FieldstoneApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(classes.relativize(file).toString().toLowerCase()).doesNotContain("bench");
                try (InputStream in = Files.newInputStream(file)) {
                    String text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                    assertThat(text).as("%s", file).doesNotContain("bench/baseline", "fieldstone.bench");
                }
            }
        }
    }

    @Test
    void theCommandLineHasNoBenchCommand() {
        List<String> help = cli("--help");
        assertThat(help.getFirst()).isEqualTo("0");
        assertThat(help.get(1)).contains("tenant", "serve").doesNotContainIgnoringCase("bench");

        List<String> seed = cli("bench", "seed", "--companies", "1", "--clients-per-company", "1", "--out", "seed.txt");
        assertThat(seed.getFirst()).isEqualTo("2");
        assertThat(seed.get(2)).as("refused as no command, before anything starts")
                .startsWith("fieldstone: Neither a command nor a setting as --name=value: bench");
    }

    /** Exit code, stdout and stderr of the real entry point; nothing starts when the arguments are refused. */
    private static List<String> cli(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit;
        try (var o = new PrintStream(out, true, StandardCharsets.UTF_8); var e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = Cli.run(FieldstoneApplication.class, args, InputStream.nullInputStream(), o, e);
        }
        return List.of(Integer.toString(exit), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
