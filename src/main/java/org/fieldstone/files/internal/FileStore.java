package org.fieldstone.files.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where ciphertexts are kept, by key ({@code <company>/<file id>}, {@code …/<file id>.thumb}): a local directory or an
 * S3-compatible bucket ({@code fieldstone.files.storage}). Only ciphertext ever reaches a store: {@link #write} is
 * given the encrypted stream's output.
 */
interface FileStore {

    /** Something that writes the object's bytes (the encrypting stream) to the stream it is given. */
    @FunctionalInterface
    interface Writer {
        void writeTo(java.io.OutputStream out) throws IOException;
    }

    /** Stores an object whole or not at all (a failed write leaves nothing under the key). */
    void write(String key, Writer writer) throws IOException;

    InputStream open(String key) throws IOException;

    /** Removes an object; a missing one is no error. */
    void delete(String key) throws IOException;

    boolean exists(String key) throws IOException;

    /** Removes every object whose key starts with {@code prefix} (a destroyed company's {@code <company>/}). */
    int deleteAll(String prefix) throws IOException;

    /** The store's name, for logs: {@code local} or {@code s3}. */
    String name();
}
