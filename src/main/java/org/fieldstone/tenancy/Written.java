package org.fieldstone.tenancy;


/** A record as the write path left it: its id and its new version (the {@code ETag} of the API). */
public record Written(String id, long version) {
}
