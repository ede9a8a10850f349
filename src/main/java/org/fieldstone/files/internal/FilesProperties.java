package org.fieldstone.files.internal;

import java.time.Duration;

/**
 * The platform's file configuration ({@code fieldstone.files.*}, documented in the README and docs/operations.md).
 *
 * @param maxSizeCeiling the largest upload any company may allow (its own setting is at most this); clamd's
 *                       {@code StreamMaxLength} must be at least this, or large files wait in quarantine
 */
record FilesProperties(long maxSizeCeiling, String clamdAddress, Duration clamdConnectTimeout, Duration clamdReadTimeout) {
}
