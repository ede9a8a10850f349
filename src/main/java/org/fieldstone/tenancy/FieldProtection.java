package org.fieldstone.tenancy;

import java.util.List;
import java.util.Set;
import org.fieldstone.shared.TenantId;

/**
 * How sensitive fields are protected at rest: AEAD under the company's key, bound to company, table, column
 * and row (a sealed value moved anywhere else does not open — {@link org.fieldstone.crypto.CryptoFailure}),
 * and blind indexes (keyed PRF values) to find them again. The write path seals every value of a
 * {@link RecordType#sensitive()} column and keeps its {@link RecordType#indexes()} current; readers open.
 */
public interface FieldProtection {

    String seal(TenantId tenant, String table, String column, String rowId, String value);

    /** @throws org.fieldstone.crypto.CryptoFailure when the value does not open here */
    String open(TenantId tenant, String table, String column, String rowId, String stored);

    /** The blind index of a whole value ({@link SearchIndex#EXACT}) under the company's current index key. */
    String index(TenantId tenant, String table, String column, String value);

    /** What to look a whole value up by: its blind index under every index key in use (several during a rotation). */
    List<String> lookup(TenantId tenant, String table, String column, String value);

    /** The blind-indexed word prefixes of a text ({@link SearchIndex#WORDS}) under the current index key. */
    Set<String> wordTokens(TenantId tenant, String table, String column, String text);

    /**
     * For each word of a search query, the tokens any of which a matching row has (under every index key in
     * use); empty when the query has no word.
     */
    List<List<String>> queryTokens(TenantId tenant, String table, String column, String query);
}
