package org.fieldstone.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each kind of refusal has one status, for the API and for pages; only a stale version differs between them. */
class RefusalStatusTests {

    @Test
    void everyKindOfRefusalHasItsStatusInTheApiAndOnPages() {
        assertStatus(new NotFound(Message.of("clients.thing.client")), 404, 404);
        assertStatus(new Conflict(Message.of("jobs.refused.delete-worked-job")), 409, 409);
        assertStatus(new Forbidden(Message.of("shared.refused.permission", "jobs:write")), 403, 403);
        assertStatus(new InvalidInput("name", Message.of("clients.refused.name-required")), 400, 400);
        assertStatus(new Unauthenticated(Message.of("identity.refused.sign-in-first")), 401, 401);
        assertStatus(new TooManyRequests(Message.of("identity.refused.throttled", 1), Duration.ofSeconds(3)), 429, 429);
    }

    @Test
    void aStaleVersionIsAFailedPreconditionInTheApiButAConflictOnAForm() {
        assertStatus(new VersionConflict(Message.of("clients.thing.client"), 4), 412, 409);
    }

    private static void assertStatus(DomainException e, int api, int page) {
        assertThat(e.status()).as(e.getClass().getSimpleName() + " in the API").isEqualTo(api);
        assertThat(e.pageStatus()).as(e.getClass().getSimpleName() + " on a page").isEqualTo(page);
    }

    @Test
    void theMappingCoversEveryPermittedKind() {
        // a new kind must be given its status here too: the sealed switch does not compile without it
        assertThat(DomainException.class.getPermittedSubclasses()).hasSize(List.of(NotFound.class, Conflict.class,
                VersionConflict.class, Forbidden.class, InvalidInput.class, Unauthenticated.class,
                TooManyRequests.class).size());
    }
}
