package org.fieldstone.shared;

/**
 * A business record under optimistic concurrency: its id and the version every write increments. The REST APIs
 * answer the version as {@code ETag} and expect it back in {@code If-Match}.
 */
public interface Versioned {

    String id();

    long version();
}
