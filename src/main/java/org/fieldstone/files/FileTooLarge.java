package org.fieldstone.files;

/**
 * An upload over the company's size limit: answered 413 with a problem+json naming the limit. Not a
 * {@link org.fieldstone.shared.DomainException} (whose kinds are closed); the files API maps it.
 */
public final class FileTooLarge extends RuntimeException {

    private final long limitBytes;

    public FileTooLarge(long limitBytes) {
        super("The file is larger than the limit of " + limitBytes + " bytes", null, false, false);
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }

    /** The limit in MiB, rounded down (at least 1), as the message shows it. */
    public long limitMiB() {
        return Math.max(1, limitBytes / (1024 * 1024));
    }
}
