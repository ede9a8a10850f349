package org.fieldstone.files.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.fieldstone.files.FileEvents;
import org.fieldstone.files.FileStatus;
import org.fieldstone.files.TargetKind;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.TenantId;
import org.junit.jupiter.api.Test;

/** A file's quarantine: only SCANNING → CLEAN | INFECTED, once; retries back off. */
class FileAggregateTests {

    private static final TenantId TENANT = TenantId.random();
    private static final Instant NOW = Instant.parse("2027-03-01T10:00:00Z");

    private static FileAggregate file(FileStatus status) {
        return new FileAggregate(TENANT, "f1", 3, status, 0, TargetKind.JOB, "j1", "u1");
    }

    @Test
    void aCleanVerdictReleasesAndADetectionQuarantinesWithItsEvent() {
        FileAggregate.Outcome released = file(FileStatus.SCANNING).release(NOW);
        assertThat(released.expectedVersion()).isEqualTo(3);
        assertThat(released.changes().values()).containsEntry("status", "CLEAN");
        assertThat(released.events()).containsExactly(new FileEvents.FileReleased(TENANT, "f1", TargetKind.JOB, "j1"));
        FileAggregate.Outcome infected = file(FileStatus.SCANNING).quarantine("Eicar", NOW);
        assertThat(infected.changes().values()).containsEntry("status", "INFECTED").containsEntry("verdict", "Eicar");
        assertThat(infected.events()).containsExactly(
                new FileEvents.MalwareDetected(TENANT, "f1", TargetKind.JOB, "j1", "Eicar", "u1"));
    }

    @Test
    void aScannedFileIsNeverScannedAgain() {
        for (FileStatus done : new FileStatus[] {FileStatus.CLEAN, FileStatus.INFECTED}) {
            assertThatThrownBy(() -> file(done).release(NOW)).isInstanceOf(Conflict.class);
            assertThatThrownBy(() -> file(done).quarantine("x", NOW)).isInstanceOf(Conflict.class);
            assertThatThrownBy(() -> file(done).defer(NOW)).isInstanceOf(Conflict.class);
        }
    }

    @Test
    void retriesBackOffUpToHalfAnHour() {
        assertThat(FileAggregate.backoff(1)).isEqualTo(Duration.ofSeconds(15));
        assertThat(FileAggregate.backoff(2)).isEqualTo(Duration.ofSeconds(30));
        assertThat(FileAggregate.backoff(5)).isEqualTo(Duration.ofSeconds(240));
        assertThat(FileAggregate.backoff(40)).isEqualTo(Duration.ofMinutes(30));
        FileAggregate.Outcome deferred = file(FileStatus.SCANNING).defer(NOW);
        assertThat(deferred.changes().values()).containsEntry("scan_attempts", 1)
                .containsEntry("next_scan_at", NOW.plusSeconds(15).toEpochMilli());
        assertThat(deferred.events()).isEmpty();
    }
}
