package org.fieldstone.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RetentionTests {

    private static final Instant START = Instant.parse("2031-03-17T05:30:00Z");

    @Test
    void keepsTheNewestOfEachHourDayAndMonthWithinTheTiersAndAlwaysTheNewest() {
        // a backup every 20 minutes for 100 days
        List<Instant> backups = new ArrayList<>();
        for (Instant t = START; t.isBefore(START.plus(Duration.ofDays(100))); t = t.plus(Duration.ofMinutes(20))) {
            backups.add(t);
        }
        Set<Instant> keep = new Retention(48, 30, 12).keep(backups, Function.identity());
        Instant newest = backups.getLast();
        assertThat(keep).contains(newest);
        // 48 hourly, plus daily ones beyond those two days, plus monthly ones beyond those 30 days
        long hourly = keep.stream().filter(t -> t.isAfter(newest.minus(Duration.ofHours(48)))).count();
        assertThat(hourly).isEqualTo(48);
        assertThat(keep.stream().filter(t -> t.isBefore(newest.minus(Duration.ofDays(31))))).isNotEmpty()
                .allMatch(t -> t.equals(lastOfMonth(backups, t)));
        assertThat(keep).hasSizeLessThanOrEqualTo(48 + 30 + 12);
        assertThat(keep).doesNotContain(backups.get(1)); // not the newest of its hour, day or month
    }

    @Test
    void keepsEverythingWhileThereAreFewBackupsAndNothingOfAnEmptyList() {
        List<Instant> three = List.of(START, START.plusSeconds(3600), START.plusSeconds(7200));
        assertThat(new Retention(48, 30, 12).keep(three, Function.identity())).containsExactlyInAnyOrderElementsOf(three);
        assertThat(new Retention(0, 0, 0).keep(three, Function.identity())).containsExactly(START.plusSeconds(7200));
        assertThat(new Retention(48, 30, 12).keep(List.<Instant>of(), Function.identity())).isEmpty();
    }

    @Test
    void theBackupLocationIsNeverInsideTheDataDirectory() throws Exception {
        Path data = Files.createTempDirectory("fieldstone-data-");
        assertThatThrownBy(() -> BackupConfiguration.location(data.resolve("backups"), data))
                .hasMessageContaining("must not be inside the data directory");
        assertThatThrownBy(() -> BackupConfiguration.location(data, data)).hasMessageContaining("must not be inside");
        assertThatThrownBy(() -> BackupConfiguration.location(data.getParent(), data)).hasMessageContaining("nor hold it");
        assertThat(BackupConfiguration.location(null, data)).isEqualTo(data.resolveSibling(data.getFileName() + "-backups"));
        Files.delete(data.resolveSibling(data.getFileName() + "-backups"));
    }

    private static Instant lastOfMonth(List<Instant> all, Instant t) {
        var month = t.atZone(java.time.ZoneOffset.UTC).withDayOfMonth(1).toLocalDate();
        return all.stream().filter(x -> x.atZone(java.time.ZoneOffset.UTC).withDayOfMonth(1).toLocalDate().equals(month))
                .max(Instant::compareTo).orElseThrow();
    }
}
