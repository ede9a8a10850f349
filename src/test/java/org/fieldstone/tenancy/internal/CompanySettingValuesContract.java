package org.fieldstone.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.audit.AuditQuery;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Forbidden;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.Role;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.CompanySetting;
import org.fieldstone.tenancy.CompanySettings;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Company settings on either engine: a default until set, the setting's own write permission checked (a weaker role
 * changes nothing), each change a versioned and audited record, and setting the same value writes nothing.
 */
abstract class CompanySettingValuesContract {

    static final CompanySetting<Boolean> OWNERS_ONLY = CompanySetting.flag("tests.owners-only", Permission.SECURITY_MANAGE, false);
    static final CompanySetting<Integer> ADMINS_TOO = new CompanySetting<>("tests.admins-too", Permission.SETTINGS_MANAGE, 7,
            Integer::valueOf, String::valueOf);

    @Autowired CompanySettings settings;
    @Autowired CompanyDatabases databases;
    @Autowired Fixtures fixtures;
    @Autowired AuditTrail audit;

    @Test
    void aSettingIsItsDefaultUntilSetAndEachChangeIsVersionedAndAudited() {
        TestCompany c = fixtures.company("settings");
        CompanyDatabase db = databases.of(c.company.id());
        Actor owner = c.system();
        assertThat(settings.get(db, ADMINS_TOO)).isEqualTo(7);

        assertThat(settings.set(owner, ADMINS_TOO, 9)).as("the value before: the default").isEqualTo(7);
        assertThat(settings.get(db, ADMINS_TOO)).isEqualTo(9);
        assertThat(settings.set(owner, ADMINS_TOO, 12)).isEqualTo(9);
        assertThat(settings.set(owner, ADMINS_TOO, 12)).as("the same value again").isEqualTo(12);
        assertThat(version(db, ADMINS_TOO)).as("created, changed once, then nothing").isEqualTo(2);

        List<AuditEntry> trail = audit.find(db.tenant(), db.jdbc(),
                new AuditQuery(null, ADMINS_TOO.key(), null, null, null, null), new Page.PageRequest(0, 10)).items();
        assertThat(trail).extracting(AuditEntry::action).containsExactlyInAnyOrder("setting.created", "setting.updated");
    }

    @Test
    void aRoleWithoutTheSettingsPermissionChangesNothing() {
        TestCompany c = fixtures.company("settings");
        CompanyDatabase db = databases.of(c.company.id());
        var user = c.addUser(Role.ADMIN);
        Actor admin = new Actor(c.company.id(), java.util.Optional.of(user.id()), user.name(), Role.ADMIN,
                java.util.Optional.empty(), org.fieldstone.shared.Channel.API, "127.0.0.1", "test");
        assertThat(settings.set(admin, ADMINS_TOO, 3)).isEqualTo(7);
        assertThatThrownBy(() -> settings.set(admin, OWNERS_ONLY, true)).isInstanceOf(Forbidden.class);
        assertThat(settings.get(db, OWNERS_ONLY)).isFalse();
        assertThat(version(db, OWNERS_ONLY)).as("no row written").isZero();
    }

    @Test
    void aKeyNamesItsModule() {
        assertThatThrownBy(() -> CompanySetting.flag("no-module", Permission.SETTINGS_MANAGE, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CompanySetting.flag("jobs.Bad Key", Permission.SETTINGS_MANAGE, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static long version(CompanyDatabase db, CompanySetting<?> setting) {
        return db.jdbc().sql("SELECT version FROM company_settings WHERE id = :id").param("id", setting.key())
                .query(Long.class).optional().orElse(0L);
    }
}
