package org.fieldstone.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ActorScopesTests {

    private final Actor user = new Actor(TenantId.random(), Optional.of(UserId.random()), "Ada", Role.USER,
            Optional.empty(), Channel.API, null, null);

    @Test
    void scopesNarrowTheRoleAndNeverWidenIt() {
        Actor narrowed = user.withScopes(EnumSet.of(Permission.JOBS_READ, Permission.PAYMENTS_RECORD));

        assertThat(narrowed.permissions()).containsExactly(Permission.JOBS_READ);
        assertThatThrownBy(() -> narrowed.require(Permission.CLIENTS_READ)).isInstanceOf(Forbidden.class);
    }

    @Test
    void aPolicyAdjustmentKeepsTheTokensCeiling() {
        Actor narrowed = user.withScopes(Set.of(Permission.JOBS_READ));

        Actor adjusted = narrowed.withPermissions(EnumSet.of(Permission.JOBS_READ, Permission.PAYMENTS_RECORD));

        assertThat(adjusted.can(Permission.PAYMENTS_RECORD)).isFalse();
        assertThat(adjusted.scopes()).contains(Set.of(Permission.JOBS_READ));
    }

    @Test
    void narrowingTwiceKeepsTheIntersectionAndAChannelChangeKeepsBoth() {
        Actor twice = user.withScopes(EnumSet.of(Permission.JOBS_READ, Permission.CLIENTS_READ))
                .withScopes(EnumSet.of(Permission.CLIENTS_READ, Permission.QUOTES_WRITE))
                .through(Channel.MCP);

        assertThat(twice.permissions()).containsExactly(Permission.CLIENTS_READ);
        assertThat(twice.channel()).isEqualTo(Channel.MCP);
    }

    @Test
    void anEmptyGrantAllowsNothing() {
        assertThat(user.withScopes(Set.of()).permissions()).isEmpty();
        assertThat(user.scopes()).isEmpty();
    }
}
