package org.fieldstone.ops.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.fieldstone.audit.AuditAnchors.Anchor;
import org.fieldstone.shared.TenantId;
import org.junit.jupiter.api.Test;

class BackupManifestTests {

    @Test
    void aManifestReadsBackAsWrittenAndHoldsNoBusinessData() throws Exception {
        Path dir = Files.createTempDirectory("fieldstone-manifest-");
        BackupManifest m = new BackupManifest("20310317T053000Z-0a1b2c", TenantId.random(), "acme", "postgresql", "43",
                Instant.parse("2031-03-17T05:30:00Z"), Map.of("clients", 3L, "audit_log", 12L),
                new Anchor(12, "ab".repeat(32), 0, "00".repeat(32)), 4096, "cd".repeat(32), "0a1b2c3d.c2VhbGVk");
        Path file = dir.resolve(m.id() + ".manifest");
        m.write(file);
        assertThat(BackupManifest.read(file)).isEqualTo(m);
        assertThat(Files.readString(file)).contains("count.clients=3").contains("company.slug=acme")
                .doesNotContain(".tmp");
        assertThat(Files.exists(dir.resolve(m.id() + ".manifest.tmp"))).isFalse();

        Files.writeString(file, "format=something-else\n");
        assertThatThrownBy(() -> BackupManifest.read(file)).hasMessageContaining("not a Fieldstone backup manifest");
    }
}
