package org.fieldstone.files;

import java.util.Locale;

/** What a file is attached to; its {@link #path()} is the collection of the API ({@code /api/v1/jobs/{id}/files}). */
public enum TargetKind {
    CLIENT("clients"), PROPERTY("properties"), JOB("jobs"), VISIT("visits"), QUOTE("quotes"), INVOICE("invoices");

    private final String path;

    TargetKind(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    /** The kind of an API collection's name, e.g. {@code jobs}; null if none. */
    public static TargetKind ofPath(String path) {
        for (TargetKind k : values()) {
            if (k.path.equals(path)) {
                return k;
            }
        }
        return null;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
