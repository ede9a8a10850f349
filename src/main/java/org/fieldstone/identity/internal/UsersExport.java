package org.fieldstone.identity.internal;

import java.time.Instant;
import java.util.function.Consumer;
import org.fieldstone.identity.User;
import org.fieldstone.shared.Role;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.ExportSection;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * The team in the company's export: who, with which role, active or not. Nothing that proves identity — no
 * password hash, session, invitation or API key hash.
 */
@Component
@Order(10)
class UsersExport implements ExportSection {

    private final Users users;

    UsersExport(Users users) {
        this.users = users;
    }

    record ExportedUser(String id, String email, String name, Role role, boolean active, boolean invited, Instant createdAt) {
    }

    @Override
    public String name() {
        return "users";
    }

    @Override
    public void export(CompanyDatabase db, Consumer<Object> item) {
        db.jdbc().sql("SELECT * FROM users ORDER BY created_at, id").query((RowCallbackHandler) rs -> {
            User u = users.user(db.tenant(), rs, "");
            item.accept(new ExportedUser(u.id().toString(), u.email().value(), u.name(), u.role(), u.active(), u.invited(),
                    u.createdAt()));
        });
    }
}
