package org.fieldstone.files;

/**
 * Where a file is in its quarantine: {@code SCANNING} until the malware scanner answers (it may wait there while the
 * scanner is unreachable, and is never released unscanned), then {@code CLEAN} (downloadable) or {@code INFECTED}
 * (kept in quarantine, never downloadable). Only {@code SCANNING → CLEAN | INFECTED} happens.
 */
public enum FileStatus {
    SCANNING, CLEAN, INFECTED
}
