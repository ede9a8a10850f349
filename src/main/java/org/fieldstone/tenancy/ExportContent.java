package org.fieldstone.tenancy;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Content a module adds to a company's export archive ({@link CompanyExports#exportArchive}) next to
 * {@code export.json}: one entry per item, each written as a stream (never held whole). The files module hands over
 * every {@code CLEAN} file as {@code files/<file id>/<name>}, decrypted as it is written into the archive.
 */
public interface ExportContent {

    /** Hands every entry of the company to {@code entries}, in a stable order. */
    void contents(CompanyDatabase db, Entries entries) throws IOException;

    /** Where entries go: a path inside the archive and something that writes its bytes. */
    @FunctionalInterface
    interface Entries {
        void add(String path, Writer writer) throws IOException;
    }

    /** Writes an entry's bytes to the stream it is given (which it must not close). */
    @FunctionalInterface
    interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }
}
