package org.fieldstone.tenancy.internal;

import java.util.Collection;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code search_tokens} rows of one column of one row. */
final class SearchTokens {

    private SearchTokens() {
    }

    static void replace(JdbcClient db, String table, String column, String rowId, Collection<String> tokens) {
        db.sql("DELETE FROM search_tokens WHERE tbl = :tbl AND col = :col AND row_id = :id")
                .param("tbl", table).param("col", column).param("id", rowId).update();
        for (String token : tokens) {
            db.sql("INSERT INTO search_tokens (tbl, col, token, row_id) VALUES (:tbl, :col, :token, :id)")
                    .param("tbl", table).param("col", column).param("token", token).param("id", rowId).update();
        }
    }
}
