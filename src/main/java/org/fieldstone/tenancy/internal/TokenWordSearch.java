package org.fieldstone.tenancy.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.FieldProtection;
import org.fieldstone.tenancy.WordSearch;
import org.springframework.stereotype.Component;

/** {@link WordSearch} over the {@code search_tokens} table that {@link JdbcRecordStore} keeps. */
@Component
class TokenWordSearch implements WordSearch {

    private static final Pattern NAME = Pattern.compile("^[a-z]{1,20}$");

    private final FieldProtection protection;

    TokenWordSearch(FieldProtection protection) {
        this.protection = protection;
    }

    @Override
    public List<RowIds> rowsPerWord(TenantId tenant, String table, String column, String query, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("A parameter name of letters only: " + name);
        }
        List<List<String>> words = protection.queryTokens(tenant, table, column, query);
        List<RowIds> result = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String p = name + i;
            result.add(new RowIds("SELECT row_id FROM search_tokens WHERE tbl = :" + p + "tbl AND col = :" + p
                    + "col AND token IN (:" + p + ")", Map.of(p + "tbl", table, p + "col", column, p, words.get(i))));
        }
        return result;
    }
}
