package org.fieldstone.identity.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldstone.support.ApiClient.assertProblem;
import static org.fieldstone.support.ApiClient.body;
import static org.fieldstone.support.ApiClient.path;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fieldstone.identity.ApiKeys;
import org.fieldstone.identity.Team;
import org.fieldstone.identity.User;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Role;
import org.fieldstone.support.ApiClient;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Fixtures.TwoCompanies;
import org.fieldstone.support.Https.Response;
import org.fieldstone.support.TestClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The REST API contract of /api/v1/me and /api/v1/users, the role matrix, and isolation between two
 * companies — attacked with the other company's keys and ids, weaker roles and bad credentials.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class UsersApiContract {

    @Autowired Fixtures fixtures;
    @Autowired ApiClient api;
    @Autowired Team team;
    @Autowired ApiKeys apiKeys;
    @Autowired TestClock clock;

    TestCompany a;
    TestCompany b;

    @BeforeAll
    void companies() {
        TwoCompanies two = fixtures.twoCompanies("api");
        a = two.a();
        b = two.b();
    }

    @Test
    void meDescribesTheCallerAndTheirCompany() {
        Response r = api.get("/api/v1/me", a.keys.get(Role.ADMIN));
        assertThat(r.status()).isEqualTo(200);
        JsonNode me = body(r);
        assertThat(me.get("id").asString()).isEqualTo(a.users.get(Role.ADMIN).id().toString());
        assertThat(me.get("email").asString()).isEqualTo(a.users.get(Role.ADMIN).email().value());
        assertThat(me.get("role").asString()).isEqualTo("ADMIN");
        assertThat(me.get("company").get("slug").asString()).isEqualTo(a.slug());
        assertThat(me.get("company").get("id").asString()).isEqualTo(a.company.id().toString());
        assertThat(me.get("company").get("name").asString()).isEqualTo(a.company.name());
    }

    @Test
    void listsTheTeamInPages() {
        Response r = api.get("/api/v1/users?page=0&size=2", a.keys.get(Role.OWNER));
        assertThat(r.status()).isEqualTo(200);
        JsonNode page = body(r);
        assertThat(page.get("page").asInt()).isZero();
        assertThat(page.get("size").asInt()).isEqualTo(2);
        assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(page.get("items")).hasSize(2);
        JsonNode first = page.get("items").get(0);
        assertThat(first.has("id") && first.has("email") && first.has("name") && first.has("role") && first.has("active")).isTrue();
        assertThat(api.get("/api/v1/users?size=1000", a.keys.get(Role.OWNER)).status()).isEqualTo(400);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void roleMatrixForReading(Role role) {
        String key = a.keys.get(role);
        String other = a.users.get(Role.OWNER).id().toString();
        // every role may see the team (team:view); only the write matrix differs
        assertThat(api.get("/api/v1/me", key).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/users", key).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/users/" + other, key).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/users/" + a.users.get(role).id(), key).status()).as("own record").isEqualTo(200);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void roleMatrixForWriting(Role role) {
        String key = a.keys.get(role);
        boolean mayManage = role == Role.OWNER || role == Role.ADMIN;
        long before = teamSize(a);

        Response created = api.post("/api/v1/users", key,
                "{\"email\":\"new-" + role.name().toLowerCase() + "-" + UUID.randomUUID() + "@x.example\",\"name\":\"New\",\"role\":\"USER\"}");
        assertThat(created.status()).isEqualTo(mayManage ? 201 : 403);
        assertThat(teamSize(a)).isEqualTo(mayManage ? before + 1 : before);

        User target = a.addUser(Role.USER);
        Response patched = api.patch("/api/v1/users/" + target.id(), key, null, "{\"role\":\"READ_ONLY\"}");
        assertThat(patched.status()).isEqualTo(mayManage ? 200 : 403);
        assertThat(team.get(a.system(), target.id()).role()).isEqualTo(mayManage ? Role.READ_ONLY : Role.USER);
        if (!mayManage) {
            assertThat(patched.header("Content-Type")).startsWith("application/problem+json");
        }
    }

    @Test
    void anAdminCanNeitherMakeNorUnmakeOwners() {
        String admin = a.keys.get(Role.ADMIN);
        long before = teamSize(a);
        assertThat(api.post("/api/v1/users", admin,
                "{\"email\":\"boss-" + UUID.randomUUID() + "@x.example\",\"role\":\"OWNER\"}").status()).isEqualTo(403);
        assertThat(teamSize(a)).isEqualTo(before);

        User user = a.addUser(Role.USER);
        assertThat(api.patchAsJson("/api/v1/users/" + user.id(), admin, null, "{\"role\":\"OWNER\"}").status()).isEqualTo(403);
        assertThat(api.patchAsJson("/api/v1/users/" + a.users.get(Role.OWNER).id(), admin, null, "{\"active\":false}").status())
                .isEqualTo(403);
        assertThat(team.get(a.system(), a.users.get(Role.OWNER).id()).active()).isTrue();
    }

    @Test
    void theLastActiveOwnerCannotBeDemotedOrDeactivated() {
        TestCompany c = fixtures.company("last-owner");
        String ownerKey = c.apiKey(c.owner(), Optional.empty());
        String id = c.owner().id().toString();
        Response demote = api.patchAsJson("/api/v1/users/" + id, ownerKey, null, "{\"role\":\"ADMIN\"}");
        assertThat(demote.status()).isEqualTo(409);
        assertThat(body(demote).get("detail").asString()).contains("at least one active owner");
        // deactivating oneself is refused as well
        assertThat(api.patchAsJson("/api/v1/users/" + id, ownerKey, null, "{\"active\":false}").status()).isEqualTo(409);
        assertThat(team.get(c.system(), c.owner().id()).role()).isEqualTo(Role.OWNER);
    }

    @Test
    void aPatchOfRoleAndActiveIsAllOrNothing() {
        TestCompany c = fixtures.company("atomic");
        User second = c.addUser(Role.OWNER);
        String ownerKey = c.apiKey(c.owner(), Optional.empty());
        // demoting oneself would be allowed (another owner exists), deactivating oneself is not: neither happens
        Response r = api.patchAsJson("/api/v1/users/" + c.owner().id(), ownerKey, null, "{\"role\":\"ADMIN\",\"active\":false}");
        assertThat(r.status()).isEqualTo(409);
        assertThat(team.get(c.system(), c.owner().id()).role()).isEqualTo(Role.OWNER);
        assertThat(team.get(c.system(), c.owner().id()).active()).isTrue();

        Response both = api.patchAsJson("/api/v1/users/" + second.id(), ownerKey, null, "{\"role\":\"USER\",\"active\":false}");
        assertThat(both.status()).isEqualTo(200);
        assertThat(body(both).get("role").asString()).isEqualTo("USER");
        assertThat(body(both).get("active").asBoolean()).isFalse();
    }

    @Test
    void anOwnerWhoHasNotSetAPasswordDoesNotCountAsTheRemainingOwner() {
        TestCompany c = fixtures.company("ghost-owner");
        team.invite(c.system(), new org.fieldstone.shared.EmailAddress("ghost@" + c.slug() + ".example"), "Ghost", Role.OWNER);
        String ownerKey = c.apiKey(c.owner(), Optional.empty());
        assertThat(api.patchAsJson("/api/v1/users/" + c.owner().id(), ownerKey, null, "{\"role\":\"ADMIN\"}").status())
                .isEqualTo(409);
        assertThat(team.get(c.system(), c.owner().id()).role()).isEqualTo(Role.OWNER);
    }

    @Test
    void deactivationRevokesTheUsersKeysForGood() {
        User user = a.addUser(Role.USER);
        String key = a.apiKey(user, Optional.empty());
        team.setActive(a.system(), user.id(), false);
        team.setActive(a.system(), user.id(), true);
        assertThat(api.get("/api/v1/me", key).status()).isEqualTo(401);
    }

    @Test
    void anAdminCannotRevokeAnOwnersKey() {
        TestCompany c = fixtures.company("revoke");
        User admin = c.addUser(Role.ADMIN);
        String ownerKey = c.apiKey(c.owner(), Optional.empty());
        Actor owner = new Actor(c.company.id(), Optional.of(c.owner().id()), "o", Role.OWNER, Optional.empty(),
                org.fieldstone.shared.Channel.WEB, null, null);
        Actor adminActor = new Actor(c.company.id(), Optional.of(admin.id()), "a", Role.ADMIN, Optional.empty(),
                org.fieldstone.shared.Channel.WEB, null, null);
        String keyId = apiKeys.listOwn(owner).getFirst().id();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> apiKeys.revoke(adminActor, keyId))
                .isInstanceOf(org.fieldstone.shared.Forbidden.class);
        assertThat(api.get("/api/v1/me", ownerKey).status()).isEqualTo(200);
    }

    @Test
    void createsAnInvitedUserWithLocationAndASetPasswordLink() {
        String email = "invited-" + UUID.randomUUID() + "@x.example";
        Response r = api.post("/api/v1/users", a.keys.get(Role.OWNER),
                "{\"email\":\"" + email + "\",\"name\":\"Ivy Invited\",\"role\":\"READ_ONLY\"}");
        assertThat(r.status()).isEqualTo(201);
        JsonNode user = body(r);
        assertThat(r.header("Location")).endsWith("/api/v1/users/" + user.get("id").asString());
        assertThat(user.get("email").asString()).isEqualTo(email);
        assertThat(user.get("role").asString()).isEqualTo("READ_ONLY");
        assertThat(user.get("invitation").get("url").asString()).contains("/c/" + a.slug() + "/invite/");
        assertThat(api.get(path(r.header("Location")), a.keys.get(Role.OWNER)).status())
                .isEqualTo(200);
        // the same email again is a conflict, not a second user
        assertThat(api.post("/api/v1/users", a.keys.get(Role.OWNER), "{\"email\":\"" + email + "\"}").status())
                .isEqualTo(409);
    }

    @Test
    void anotherCompanysIdsAreNotFoundAndNothingChanges() {
        String bKey = b.keys.get(Role.OWNER);
        User aUser = a.users.get(Role.USER);
        assertThat(api.get("/api/v1/users/" + aUser.id(), bKey).status()).isEqualTo(404);
        Response patch = api.patchAsJson("/api/v1/users/" + aUser.id(), bKey, null, "{\"role\":\"READ_ONLY\",\"active\":false}");
        assertThat(patch.status()).isEqualTo(404);
        assertThat(patch.body()).doesNotContain(aUser.email().value());
        User unchanged = team.get(a.system(), aUser.id());
        assertThat(unchanged.role()).isEqualTo(Role.USER);
        assertThat(unchanged.active()).isTrue();

        JsonNode bTeam = body(api.get("/api/v1/users?size=200", bKey));
        List<String> emails = bTeam.get("items").valueStream().map(u -> u.get("email").asString()).toList();
        assertThat(emails).isNotEmpty().allMatch(e -> e.endsWith("@" + b.slug() + ".example") || e.endsWith("@x.example"));
        assertThat(emails).noneMatch(e -> e.contains(a.slug()));
        assertThat(body(api.get("/api/v1/me", bKey)).get("company").get("slug").asString()).isEqualTo(b.slug());
    }

    @Test
    void unknownAndMalformedIdsAreNotFound() {
        String key = a.keys.get(Role.OWNER);
        assertThat(api.get("/api/v1/users/" + UUID.randomUUID(), key).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/users/not-a-uuid", key).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/nothing-here", key).status()).isEqualTo(404);
    }

    @Test
    void missingOrInvalidCredentialsAreUnauthorized() {
        Response none = api.send("GET", "/api/v1/me", null, null, null);
        assertProblem(none, 401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");

        String valid = a.keys.get(Role.OWNER);
        String forged = valid.substring(0, valid.length() - 4) + (valid.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThat(api.get("/api/v1/me", forged).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/me", "garbage").status()).isEqualTo(401);
        // a key of company B with its company part rewritten to company A's id is still just an unknown key
        String bKey = b.keys.get(Role.OWNER);
        String transplanted = "fsk_" + a.company.id().compact() + bKey.substring(4 + 32);
        assertThat(api.get("/api/v1/me", transplanted).status()).isEqualTo(401);
        assertThat(api.send(java.net.http.HttpRequest.newBuilder(api.uri("/api/v1/me"))
                .header("Authorization", "Basic " + valid)).status()).isEqualTo(401);
    }

    @Test
    void anApiKeyInTheUrlIsNeverAccepted() {
        String key = a.keys.get(Role.OWNER);
        for (String query : new String[] {"api_key", "access_token", "key", "token"}) {
            assertThat(api.send("GET", "/api/v1/me?" + query + "=" + key, null, null, null).status()).as(query).isEqualTo(401);
        }
    }

    @Test
    void revokedAndExpiredKeysStopWorking() {
        User user = a.addUser(Role.USER);
        var created = apiKeys.createFor(a.system(), user.id(), "short-lived", Optional.empty(), Optional.of(1));
        assertThat(api.get("/api/v1/me", created.secret()).status()).isEqualTo(200);
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        assertThat(api.get("/api/v1/me", created.secret()).status()).isEqualTo(401);

        String revocable = a.apiKey(user, Optional.empty());
        assertThat(api.get("/api/v1/me", revocable).status()).isEqualTo(200);
        Actor self = new Actor(a.company.id(), Optional.of(user.id()), user.name(), user.role(), Optional.empty(),
                org.fieldstone.shared.Channel.WEB, null, null);
        String id = apiKeys.listOwn(self).stream().filter(k -> k.revokedAt() == null && k.usable(clock.instant()))
                .findFirst().orElseThrow().id();
        apiKeys.revoke(self, id);
        assertThat(api.get("/api/v1/me", revocable).status()).isEqualTo(401);
    }

    @Test
    void aDeactivatedUsersKeysStopAtOnceAndADemotedUsersKeysShrink() {
        User user = a.addUser(Role.ADMIN);
        String key = a.apiKey(user, Optional.empty());
        assertThat(body(api.get("/api/v1/me", key)).get("role").asString()).isEqualTo("ADMIN");

        team.changeRole(a.system(), user.id(), Role.READ_ONLY);
        assertThat(body(api.get("/api/v1/me", key)).get("role").asString()).isEqualTo("READ_ONLY");
        assertThat(api.post("/api/v1/users", key, "{\"email\":\"z" + UUID.randomUUID() + "@x.example\"}").status())
                .isEqualTo(403);

        team.setActive(a.system(), user.id(), false);
        assertThat(api.get("/api/v1/me", key).status()).isEqualTo(401);
    }

    @Test
    void aKeyCannotBeAboveItsUsersRole() {
        User reader = a.addUser(Role.READ_ONLY);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.apiKey(reader, Optional.of(Role.ADMIN)))
                .isInstanceOf(org.fieldstone.shared.InvalidInput.class).hasMessageContaining("cannot be higher");
        String limited = a.apiKey(a.users.get(Role.OWNER), Optional.of(Role.READ_ONLY));
        assertThat(body(api.get("/api/v1/me", limited)).get("role").asString()).isEqualTo("READ_ONLY");
        assertThat(api.post("/api/v1/users", limited, "{\"email\":\"q" + UUID.randomUUID() + "@x.example\"}").status())
                .isEqualTo(403);
    }

    @Test
    void recordsWhenAndFromWhereAKeyWasLastUsed() {
        User user = a.addUser(Role.USER);
        String key = a.apiKey(user, Optional.empty());
        api.get("/api/v1/me", key);
        Actor self = new Actor(a.company.id(), Optional.of(user.id()), user.name(), user.role(), Optional.empty(),
                org.fieldstone.shared.Channel.WEB, null, null);
        var stored = apiKeys.listOwn(self).getFirst();
        assertThat(stored.lastUsedAt()).isNotNull();
        assertThat(stored.lastUsedIp()).isEqualTo("127.0.0.1");
        assertThat(stored.hint()).startsWith("fsk_…").hasSize(9);
        assertThat(key).endsWith(stored.hint().substring(5));
    }

    @Test
    void badBodiesAreRefusedWithProblemsAndChangeNothing() {
        String key = a.keys.get(Role.OWNER);
        long before = teamSize(a);
        Response unknownField = api.post("/api/v1/users", key,
                "{\"email\":\"u" + UUID.randomUUID() + "@x.example\",\"isAdmin\":true}");
        assertProblem(unknownField, 400);
        assertThat(body(unknownField).get("detail").asString()).contains("isAdmin");

        assertThat(api.post("/api/v1/users", key, "{\"email\":").status()).isEqualTo(400);
        Response badEmail = api.post("/api/v1/users", key, "{\"email\":\"nope\"}");
        assertThat(badEmail.status()).isEqualTo(400);
        assertThat(body(badEmail).get("errors").get("email").asString()).contains("valid email");
        assertThat(api.post("/api/v1/users", key, "{\"email\":\"r" + UUID.randomUUID() + "@x.example\",\"role\":\"GOD\"}")
                .status()).isEqualTo(400);

        String huge = "{\"email\":\"big@x.example\",\"name\":\"" + "x".repeat(1024 * 1024 + 10) + "\"}";
        assertThat(api.post("/api/v1/users", key, huge).status()).isEqualTo(413);
        // the same body without a declared length (chunked) is cut off at the limit too
        Response chunked = api.send(java.net.http.HttpRequest.newBuilder(api.uri("/api/v1/users"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(huge.getBytes(java.nio.charset.StandardCharsets.UTF_8)))));
        assertProblem(chunked, 413);
        assertThat(teamSize(a)).isEqualTo(before);
    }

    @Test
    void publishesAnOpenApiDocument() {
        Response r = api.get("/v3/api-docs");
        assertThat(r.status()).isEqualTo(200);
        JsonNode doc = body(r);
        assertThat(doc.get("openapi").asString()).startsWith("3.");
        assertThat(doc.get("paths").has("/api/v1/me")).isTrue();
        assertThat(doc.get("paths").has("/api/v1/users/{id}")).isTrue();
        assertThat(doc.get("components").get("securitySchemes").get("apiKey").get("scheme").asString()).isEqualTo("bearer");
    }

    private long teamSize(TestCompany c) {
        return team.list(c.system(), new Page.PageRequest(0, 1)).total();
    }

    static Map<String, String> form(String... kv) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
