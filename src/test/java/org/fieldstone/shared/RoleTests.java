package org.fieldstone.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RoleTests {

    @Test
    void rolesAreOrderedByThePermissionsTheyHold() {
        assertThat(Role.OWNER.covers(Role.ADMIN)).isTrue();
        assertThat(Role.ADMIN.covers(Role.USER)).isTrue();
        assertThat(Role.ADMIN.covers(Role.OWNER)).isFalse();
        assertThat(Role.USER.covers(Role.ADMIN)).isFalse();
        assertThat(Role.READ_ONLY.covers(Role.USER)).isFalse();
    }

    @Test
    void everyTwoRolesAreOrdered() {
        for (Role a : Role.values()) {
            for (Role b : Role.values()) {
                assertThat(a.covers(b) || b.covers(a)).as("%s and %s", a, b).isTrue();
                assertThat(a.atMost(b)).as("%s at most %s", a, b).isEqualTo(b.covers(a) ? a : b);
            }
        }
        assertThat(Role.USER.covers(Role.READ_ONLY)).isTrue();
    }

    @Test
    void onlyOwnersManageBillingAndReadTheAuditLog() {
        assertThat(Role.OWNER.allows(Permission.AUDIT_VIEW)).isTrue();
        assertThat(Role.ADMIN.allows(Permission.AUDIT_VIEW)).isFalse();
        assertThat(Role.ADMIN.allows(Permission.BILLING_MANAGE)).isFalse();
        assertThat(Role.ADMIN.allows(Permission.TEAM_MANAGE)).isTrue();
    }

    @Test
    void onlyOwnersSetTheCompanysSecurityPolicy() {
        assertThat(Role.OWNER.allows(Permission.SECURITY_MANAGE)).isTrue();
        assertThat(Role.ADMIN.allows(Permission.SECURITY_MANAGE)).isFalse();
        assertThat(Role.ADMIN.allows(Permission.SETTINGS_MANAGE)).isTrue();
    }

    @Test
    void readOnlyWritesNothing() {
        assertThat(Role.READ_ONLY.permissions()).noneMatch(p -> p.code().endsWith(":write") || p.code().endsWith(":manage")
                || p == Permission.JOBS_ASSIGN);
    }

    @Test
    void aKeyIsNeverAboveItsUser() {
        assertThat(Role.OWNER.atMost(Role.USER)).isEqualTo(Role.USER);
        assertThat(Role.READ_ONLY.atMost(Role.ADMIN)).isEqualTo(Role.READ_ONLY);
    }

    @Test
    void parsesRoleNamesAndRefusesOthers() {
        assertThat(Role.parse(" read-only ")).isEqualTo(Role.READ_ONLY);
        assertThatThrownBy(() -> Role.parse("SUPERUSER")).isInstanceOf(InvalidInput.class).hasMessageContaining("Unknown role");
    }

    @Test
    void actorsWithoutAPermissionAreRefused() {
        Actor reader = new Actor(TenantId.random(), java.util.Optional.of(UserId.random()), "R", Role.READ_ONLY,
                java.util.Optional.empty(), Channel.API, null, null);
        assertThatThrownBy(() -> reader.require(Permission.TEAM_MANAGE)).isInstanceOf(Forbidden.class)
                .hasMessageContaining("team:manage");
    }

    @Test
    void emailAddressesAreNormalizedAndValidated() {
        assertThat(new EmailAddress("  Ann@Example.COM ").value()).isEqualTo("ann@example.com");
        assertThatThrownBy(() -> new EmailAddress("not-an-email")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new EmailAddress("a@b")).isInstanceOf(InvalidInput.class);
    }

    @Test
    void tenantIdsRoundTripThroughTheirCompactForm() {
        TenantId id = TenantId.random();
        assertThat(TenantId.parse(id.compact())).isEqualTo(id);
        assertThatThrownBy(() -> TenantId.parse("zz")).isInstanceOf(InvalidInput.class);
    }
}
