package org.fieldstone.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.TenantId;
import org.fieldstone.shared.UserId;
import org.junit.jupiter.api.Test;

/** What a platform operator may do under a support grant, without a database. */
class SupportCeilingTests {

    @Test
    void aReadOnlyGrantReadsAndWritesNothing() {
        Actor a = support(SupportAccess.Access.READ_ONLY.role()).actor();
        assertThat(a.can(Permission.CLIENTS_READ)).isTrue();
        assertThat(a.can(Permission.JOBS_READ)).isTrue();
        assertThat(a.permissions()).noneMatch(p -> p.code().endsWith(":write") || p.code().endsWith(":manage")
                || p == Permission.APIKEYS_OWN || p == Permission.PAYMENTS_RECORD || p == Permission.JOBS_ASSIGN);
    }

    @Test
    void aReadWriteGrantIsAnAdminWithoutTeamKeysOrAnyOwnerPowerEvenIfGivenARoleAboveIt() {
        for (Role role : new Role[] {Role.ADMIN, Role.OWNER}) {
            Actor a = support(role).actor();
            assertThat(a.can(Permission.CLIENTS_WRITE)).isTrue();
            assertThat(a.can(Permission.INVOICES_WRITE)).isTrue();
            assertThat(a.permissions()).doesNotContain(Permission.TEAM_MANAGE, Permission.APIKEYS_OWN,
                    Permission.SECURITY_MANAGE, Permission.COMPANY_EXPORT, Permission.COMPANY_DELETE,
                    Permission.COMPANY_RENAME, Permission.BILLING_MANAGE, Permission.AUDIT_VIEW);
            // no company policy widens the ceiling
            assertThat(a.withPermissions(java.util.EnumSet.allOf(Permission.class)).can(Permission.TEAM_MANAGE)).isFalse();
        }
    }

    @Test
    void theSupportActorIsNamedAndChannelledAsSupport() {
        Actor a = support(Role.ADMIN).actor();
        assertThat(a.channel()).isEqualTo(Channel.SUPPORT);
        assertThat(a.displayName()).isEqualTo("Support: ops@example.test");
        assertThat(a.apiKeyId()).isEmpty();
    }

    @Test
    void accessIsReadOnlyOrReadWriteAndNothingElse() {
        assertThat(SupportAccess.Access.parse("read-only")).isEqualTo(SupportAccess.Access.READ_ONLY);
        assertThat(SupportAccess.Access.parse("READ_WRITE")).isEqualTo(SupportAccess.Access.READ_WRITE);
        assertThatThrownBy(() -> SupportAccess.Access.parse("owner")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> SupportAccess.Access.parse(null)).isInstanceOf(InvalidInput.class);
    }

    private static SignedIn support(Role role) {
        return new SignedIn(TenantId.random(), "acme", "Acme", "CH", UserId.random(), "ops@example.test",
                "Support: ops@example.test", role, Optional.empty(), Optional.empty(), Channel.SUPPORT, "127.0.0.1", "test");
    }
}
