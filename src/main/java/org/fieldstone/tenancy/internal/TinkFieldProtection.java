package org.fieldstone.tenancy.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.fieldstone.crypto.KeyOwner;
import org.fieldstone.crypto.KeyRing;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.FieldProtection;
import org.springframework.stereotype.Component;

/**
 * {@link FieldProtection} with the company's keys: AEAD with associated data
 * {@code fieldstone/<company>/<table>/<column>/<row>}, blind indexes in the domain {@code <table>.<column>}
 * (whole values) or {@code <table>.<column>.words} (word prefixes), so equal values in different columns
 * do not share an index.
 */
@Component
class TinkFieldProtection implements FieldProtection {

    private final KeyRing keys;

    TinkFieldProtection(KeyRing keys) {
        this.keys = keys;
    }

    @Override
    public String seal(TenantId tenant, String table, String column, String rowId, String value) {
        String company = tenant.compact(); // once: this runs for every sensitive value read or written
        return keys.encrypt(new KeyOwner(company), value, ad(company, table, column, rowId));
    }

    @Override
    public String open(TenantId tenant, String table, String column, String rowId, String stored) {
        String company = tenant.compact();
        return keys.decrypt(new KeyOwner(company), stored, ad(company, table, column, rowId));
    }

    @Override
    public String index(TenantId tenant, String table, String column, String value) {
        return keys.blindIndex(KeyOwner.of(tenant), table + "." + column, SearchText.exact(value));
    }

    @Override
    public List<String> lookup(TenantId tenant, String table, String column, String value) {
        return keys.blindIndexes(KeyOwner.of(tenant), table + "." + column, SearchText.exact(value));
    }

    @Override
    public Set<String> wordTokens(TenantId tenant, String table, String column, String text) {
        KeyOwner owner = KeyOwner.of(tenant);
        String domain = table + "." + column + ".words";
        Set<String> tokens = new LinkedHashSet<>();
        for (String prefix : SearchText.prefixes(text)) {
            tokens.add(keys.blindIndex(owner, domain, prefix));
        }
        return tokens;
    }

    @Override
    public List<List<String>> queryTokens(TenantId tenant, String table, String column, String query) {
        KeyOwner owner = KeyOwner.of(tenant);
        String domain = table + "." + column + ".words";
        List<List<String>> perWord = new ArrayList<>();
        for (String word : new LinkedHashSet<>(SearchText.words(query))) {
            perWord.add(keys.blindIndexes(owner, domain, SearchText.queryPrefix(word)));
        }
        return perWord;
    }

    /** The associated data of a sealed value: company, table, column and row. */
    static byte[] ad(TenantId tenant, String table, String column, String rowId) {
        return ad(tenant.compact(), table, column, rowId);
    }

    private static byte[] ad(String company, String table, String column, String rowId) {
        return ("fieldstone/" + company + "/" + table + "/" + column + "/" + rowId).getBytes(StandardCharsets.UTF_8);
    }
}
