package org.fieldstone.ops.backup;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code fieldstone.backup.*}: where backups go (never inside the data directory; default: a directory beside it,
 * {@code <data-dir>-backups}), how often, how many of each tier are kept, and how often a restore drill runs.
 *
 * @param dir      the backup location
 * @param interval between two scheduled rounds of backups (default hourly)
 * @param drill    between two restore drills (default daily)
 * @param schedule whether this process runs the scheduled backups and drills (off in CLI commands)
 */
@ConfigurationProperties("fieldstone.backup")
record BackupProperties(Path dir, Duration interval, Duration drill, Keep keep, Boolean schedule) {

    BackupProperties {
        interval = interval == null ? Duration.ofHours(1) : interval;
        drill = drill == null ? Duration.ofDays(1) : drill;
        keep = keep == null ? new Keep(48, 30, 12) : keep;
        schedule = schedule == null || schedule;
    }

    /** Retention tiers: the newest backup of each of the last {@code hourly} hours, {@code daily} days, {@code monthly} months. */
    record Keep(Integer hourly, Integer daily, Integer monthly) {
        Keep {
            hourly = hourly == null ? 48 : hourly;
            daily = daily == null ? 30 : daily;
            monthly = monthly == null ? 12 : monthly;
        }
    }
}
