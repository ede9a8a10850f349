package org.fieldstone.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seed refuses bad arguments with one line on stderr and exit 2, before it starts anything. */
class BenchSeedArgumentsTests {

    @Test
    void refusesArgumentsOutOfRangeAnExistingFileAndAMissingOptionBeforeStarting() throws IOException {
        Path existing = Files.createTempFile("fieldstone-bench-", ".txt");
        String fresh = existing.resolveSibling(existing.getFileName() + ".new").toString();

        assertThat(run("--companies", "0", "--clients-per-company", "1", "--out", fresh))
                .containsExactly("2", "", "bench seed: --companies must be between 1 and 9999.\n");
        assertThat(run("--companies", "1", "--clients-per-company", "1", "--jobs-per-company", "0", "--out", fresh))
                .containsExactly("2", "", "bench seed: --visits-per-company must be between 0 and 1000000, and visits need jobs.\n");
        assertThat(run("--companies", "1", "--clients-per-company", "1", "--quotes-per-company", "-1", "--out", fresh))
                .containsExactly("2", "", "bench seed: --quotes-per-company must be between 0 and 1000000.\n");
        assertThat(run("--companies", "1", "--clients-per-company", "1", "--invoices-per-company", "1000001", "--out", fresh))
                .containsExactly("2", "", "bench seed: --invoices-per-company must be between 0 and 1000000.\n");
        assertThat(run("--companies", "1", "--clients-per-company", "1", "--movements-per-company", "-1", "--out", fresh))
                .containsExactly("2", "", "bench seed: --movements-per-company must be between 0 and 10000000.\n");
        assertThat(run("--companies", "1", "--clients-per-company", "1", "--movements-per-company", "10000001", "--out", fresh))
                .containsExactly("2", "", "bench seed: --movements-per-company must be between 0 and 10000000.\n");
        assertThat(run("--companies", "1", "--clients-per-company", "1", "--items-per-company", "0", "--out", fresh))
                .containsExactly("2", "", "bench seed: --items-per-company must be between 1 and 100000.\n");
        assertThat(run("--companies", "1", "--clients-per-company", "1", "--out", existing.toString()).get(2))
                .startsWith("bench seed: ").contains("exists already");
        assertThat(run("--companies", "1", "--clients-per-company", "1", "--out", fresh, "--db-url", "jdbc:sqlite:x").get(2))
                .isEqualTo("bench seed: --db-url must start with jdbc:postgresql://\n");
        assertThat(run("--companies", "1", "--out", fresh).get(2))
                .startsWith("bench seed: Missing required option: '--clients-per-company=M'");
        assertThat(Files.exists(Path.of(fresh))).isFalse();
    }

    @Test
    void printsItsOptionsOnHelp() {
        List<String> help = run("--help");

        assertThat(help.getFirst()).isEqualTo("0");
        assertThat(help.get(1)).contains("--companies", "--clients-per-company", "--technicians-per-company",
                "--jobs-per-company", "--visits-per-company", "--quotes-per-company", "--invoices-per-company", "--movements-per-company", "--items-per-company", "--threads", "--batch", "--out", "--data-dir",
                "--master-key-file", "--db-url");
    }

    private static List<String> run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit;
        try (var o = new PrintStream(out, true, StandardCharsets.UTF_8); var e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = BenchSeed.run(args, o, e);
        }
        return List.of(Integer.toString(exit), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
