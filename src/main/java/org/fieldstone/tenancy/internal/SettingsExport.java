package org.fieldstone.tenancy.internal;

import java.time.Instant;
import java.util.function.Consumer;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.ExportSection;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/** The company's settings ({@code company_settings}, written by whichever module owns a setting) in the export. */
@Component
@Order(900)
class SettingsExport implements ExportSection {

    record Setting(String key, String value, long version, Instant updatedAt) {
    }

    @Override
    public String name() {
        return "settings";
    }

    @Override
    public void export(CompanyDatabase db, Consumer<Object> item) {
        db.jdbc().sql("SELECT id, value, version, updated_at FROM company_settings ORDER BY id")
                .query((RowCallbackHandler) rs -> item.accept(new Setting(rs.getString(1), rs.getString(2), rs.getLong(3),
                        Instant.ofEpochMilli(rs.getLong(4)))));
    }
}
