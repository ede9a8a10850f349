package org.fieldstone.files;

/**
 * A company's file settings.
 *
 * @param maxSizeBytes      the largest file one upload may be (default 25 MiB; never above the platform's ceiling,
 *                          {@code fieldstone.files.max-size-ceiling})
 * @param keepPhotoLocation whether photos keep their metadata (EXIF, location); off by default: photos are re-encoded
 *                          without it
 */
public record FileSettings(long maxSizeBytes, boolean keepPhotoLocation) {

    public static final long DEFAULT_MAX = 25L * 1024 * 1024;
    public static final FileSettings DEFAULT = new FileSettings(DEFAULT_MAX, false);
}
