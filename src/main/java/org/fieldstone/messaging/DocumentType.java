package org.fieldstone.messaging;

import java.util.Locale;

/** The documents that are emailed; each has its own {@link EmailTemplate}. */
public enum DocumentType {
    QUOTE, INVOICE;

    /** As in paths and stored rows: {@code quote}, {@code invoice}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type named by {@code code}, or null. */
    public static DocumentType ofCode(String code) {
        for (DocumentType t : values()) {
            if (t.code().equals(code)) {
                return t;
            }
        }
        return null;
    }
}
