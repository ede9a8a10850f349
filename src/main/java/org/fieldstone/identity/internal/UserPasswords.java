package org.fieldstone.identity.internal;

import org.fieldstone.shared.UserId;
import org.fieldstone.tenancy.CompanyDatabase;

/**
 * A user's own password, set by the user (accepting an invitation, changing it) whatever their role: the write
 * path's permission is one per table and the users table's is {@code team:manage}, so this one write stays beside
 * it, a named writer in {@code WritePathTests} (decision 0027). It keeps the user's version and {@code updated_*}
 * as the write path would; {@code AccountService} audits it ({@code user.password_set}/{@code password_changed}),
 * never with the hash.
 */
final class UserPasswords {

    private UserPasswords() {
    }

    static void set(CompanyDatabase db, UserId id, String hash, long now) {
        db.jdbc().sql("""
                UPDATE users SET password_hash = :hash, password_changed_at = :now, updated_at = :now,
                                 updated_by = :id, version = version + 1
                WHERE id = :id
                """)
                .param("hash", hash).param("now", now).param("id", id.toString()).update();
    }
}
