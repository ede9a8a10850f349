package org.fieldstone.tenancy;

/**
 * Which record: its id and, for a child record, the parent it must belong to (a property of that client).
 * A record found under another parent is not found.
 */
public record RecordKey(String id, String scopeValue) {

    public static RecordKey of(String id) {
        return new RecordKey(id, null);
    }

    public static RecordKey of(String id, String parentId) {
        return new RecordKey(id, parentId);
    }
}
