package org.fieldstone.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.identity.Accounts;
import org.fieldstone.identity.Team;
import org.fieldstone.identity.User;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.Forbidden;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.VersionConflict;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Invitations as records of the one write path (decision 0027), attacked: a link is spent once, also when two
 * uses race; an expired or superseded link does nothing; the audit trail holds neither a token nor its hash; only
 * those who manage the team invite.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class InvitationsContract {

    static final String PASSWORD = "river stone 48 blue";

    @Autowired Team team;
    @Autowired Accounts accounts;
    @Autowired Invitations invitations;
    @Autowired Passwords passwords;
    @Autowired CompanyDatabases databases;
    @Autowired AuditTrail audit;
    @Autowired Fixtures fixtures;
    @Autowired java.time.Clock clock;

    TestCompany c;

    @BeforeAll
    void company() {
        c = fixtures.companyWithEveryRole("invitations");
    }

    @Test
    void aSpentInvitationCannotBeSpentAgain() {
        Team.Invitation invitation = invite(Role.READ_ONLY);
        User accepted = accounts.acceptInvitation(c.company.id(), invitation.token(), PASSWORD.toCharArray());
        assertThat(accepted.invited()).isFalse();
        String hash = passwordHash(accepted);
        long entries = trail().size();

        assertThat(accounts.invitationValid(c.company.id(), invitation.token())).isFalse();
        assertThatThrownBy(() -> accounts.acceptInvitation(c.company.id(), invitation.token(),
                "attacker chosen 1234".toCharArray())).isInstanceOf(NotFound.class);
        assertThat(passwordHash(accepted)).isEqualTo(hash);
        assertThat(passwords.matches(PASSWORD.toCharArray(), hash)).isTrue();
        assertThat(trail()).hasSize((int) entries);
    }

    @Test
    void twoUsesOfOneLinkAtTheSameMomentSpendItOnce() throws Exception {
        Team.Invitation invitation = invite(Role.USER);
        String first = "first racer 1234 abc";
        String second = "second racer 5678 xyz";
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<String> won = new ArrayList<>();
        int refused = 0;
        try {
            List<Future<User>> results = pool.invokeAll(List.of(
                    () -> {
                        start.await();
                        return accounts.acceptInvitation(c.company.id(), invitation.token(), first.toCharArray());
                    },
                    () -> {
                        start.await();
                        return accounts.acceptInvitation(c.company.id(), invitation.token(), second.toCharArray());
                    }));
            for (int i = 0; i < 2; i++) {
                try {
                    results.get(i).get();
                    won.add(i == 0 ? first : second);
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(NotFound.class);
                    refused++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(won).hasSize(1);
        assertThat(refused).isOne();
        assertThat(passwords.matches(won.getFirst().toCharArray(), passwordHash(invitation.user()))).isTrue();
        assertThat(invitationEntries(invitation.user())).extracting(AuditEntry::action)
                .containsExactly("invitation.accepted", "invitation.created");
    }

    @Test
    void theVersionCheckRefusesASecondSpendOfALinkFoundBeforeTheFirst() {
        Team.Invitation invitation = invite(Role.USER);
        CompanyDatabase db = databases.of(c.company.id());
        long now = clock.millis();
        // both uses found the link unspent, at version 1: the write path lets only the first spend it
        Invitations.Live one = invitations.valid(db, invitation.token(), now).orElseThrow();
        Invitations.Live two = invitations.valid(db, invitation.token(), now).orElseThrow();
        assertThat(one.version()).isOne();
        db.inTransaction(() -> invitations.spend(db, one, now));
        assertThatThrownBy(() -> db.inTransaction(() -> invitations.spend(db, two, now)))
                .isInstanceOfSatisfying(VersionConflict.class, e -> assertThat(e.currentVersion()).isEqualTo(2));
        assertThat(invitations.valid(db, invitation.token(), now)).isEmpty();
        assertThat(invitationEntries(invitation.user())).extracting(AuditEntry::action)
                .containsExactly("invitation.accepted", "invitation.created");
    }

    @Test
    void anExpiredInvitationDoesNothing() {
        Team.Invitation invitation = invite(Role.USER);
        CompanyDatabase db = databases.of(c.company.id());
        long expiresAt = db.jdbc().sql("SELECT expires_at FROM invitations WHERE user_id = :user")
                .param("user", invitation.user().id().toString()).query(Long.class).single();
        assertThat(invitations.valid(db, invitation.token(), expiresAt - 1)).isPresent();
        assertThat(invitations.valid(db, invitation.token(), expiresAt)).isEmpty();

        // seven days on, as far as this link is concerned
        db.jdbc().sql("UPDATE invitations SET expires_at = :past WHERE user_id = :user")
                .param("past", clock.millis() - 1).param("user", invitation.user().id().toString()).update();
        long entries = trail().size();
        assertThat(accounts.invitationValid(c.company.id(), invitation.token())).isFalse();
        assertThatThrownBy(() -> accounts.acceptInvitation(c.company.id(), invitation.token(), PASSWORD.toCharArray()))
                .isInstanceOf(NotFound.class);
        assertThat(team.get(c.system(), invitation.user().id()).invited()).isTrue();
        assertThat(trail()).hasSize((int) entries);
    }

    @Test
    void aNewLinkSupersedesTheEarlierOne() {
        Team.Invitation first = invite(Role.USER);
        Actor admin = actor(c.users.get(Role.ADMIN));
        Team.Invitation second = team.reinvite(admin, first.user().id());

        assertThat(accounts.invitationValid(c.company.id(), first.token())).isFalse();
        assertThatThrownBy(() -> accounts.acceptInvitation(c.company.id(), first.token(), PASSWORD.toCharArray()))
                .isInstanceOf(NotFound.class);
        accounts.acceptInvitation(c.company.id(), second.token(), PASSWORD.toCharArray());

        assertThat(invitationEntries(first.user())).extracting(AuditEntry::action, AuditEntry::actorName)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("invitation.accepted", "system"),
                        org.assertj.core.groups.Tuple.tuple("invitation.created", admin.displayName()),
                        org.assertj.core.groups.Tuple.tuple("invitation.superseded", admin.displayName()),
                        org.assertj.core.groups.Tuple.tuple("invitation.created", "system"));
        // the user's own history still reads as before
        assertThat(trail()).filteredOn(e -> first.user().id().toString().equals(e.entityId()))
                .extracting(AuditEntry::action)
                .containsSubsequence("user.password_set", "user.reinvited", "user.invited");
    }

    @Test
    void theRawAuditRowsOfAnInvitationHoldNeitherTheTokenNorItsHash() {
        Team.Invitation first = invite(Role.USER);
        Team.Invitation second = team.reinvite(c.system(), first.user().id());
        accounts.acceptInvitation(c.company.id(), second.token(), PASSWORD.toCharArray());
        JdbcClient db = databases.of(c.company.id()).jdbc();
        List<String> hashes = db.sql("SELECT token_hash FROM invitations WHERE user_id = :user")
                .param("user", first.user().id().toString()).query(String.class).list();
        assertThat(hashes).hasSize(2).contains(Secrets.hash(first.token()), Secrets.hash(second.token()));

        List<String> rows = db.sql("SELECT * FROM audit_log ORDER BY seq").query().listOfRows().stream()
                .map(Object::toString).toList();
        assertThat(rows).anyMatch(r -> r.contains("invitation.created")).anyMatch(r -> r.contains("invitation.accepted"));
        for (String row : rows) {
            for (String secret : List.of(first.token(), second.token(), hashes.get(0), hashes.get(1))) {
                assertThat(row).doesNotContain(secret).doesNotContain(secret.substring(0, 20));
            }
            assertThat(row).doesNotContain("token_hash");
        }
        // what the entries do show: whose invitation, until when, when it was used
        assertThat(invitationEntries(first.user())).allSatisfy(e -> assertThat(e.changes())
                .extracting(ch -> ch.field()).isSubsetOf("user_id", "expires_at", "used_at").isNotEmpty());
    }

    @Test
    void onlyThoseWhoManageTheTeamInviteAndARefusalWritesNothing() {
        long entries = trail().size();
        for (Role weaker : List.of(Role.USER, Role.READ_ONLY)) {
            Actor actor = actor(c.users.get(weaker));
            assertThatThrownBy(() -> team.invite(actor, new EmailAddress("no-" + UUID.randomUUID() + "@x.example"), "No",
                    Role.READ_ONLY)).as(weaker.name()).isInstanceOf(Forbidden.class);
        }
        Team.Invitation invitation = invite(Role.USER);
        long afterInvite = trail().size();
        assertThat(afterInvite).isEqualTo(entries + 2); // user.invited, invitation.created
        for (Role weaker : List.of(Role.USER, Role.READ_ONLY)) {
            assertThatThrownBy(() -> team.reinvite(actor(c.users.get(weaker)), invitation.user().id()))
                    .isInstanceOf(Forbidden.class);
        }
        assertThat(trail()).hasSize((int) afterInvite);
        assertThat(accounts.invitationValid(c.company.id(), invitation.token())).isTrue();
    }

    // ---- helpers

    private Team.Invitation invite(Role role) {
        return team.invite(c.system(), new EmailAddress("invited-" + UUID.randomUUID() + "@" + c.slug() + ".example"),
                "Invited " + role.name(), role);
    }

    private Actor actor(User user) {
        return new Actor(c.company.id(), Optional.of(user.id()), user.name(), user.role(), Optional.empty(),
                Channel.WEB, "192.0.2.9", "test");
    }

    private String passwordHash(User user) {
        return Users.passwordHash(databases.of(c.company.id()), user.id()).orElseThrow();
    }

    /** Every audit entry of the company, newest first. */
    private List<AuditEntry> trail() {
        return audit.list(c.company.id(), databases.of(c.company.id()).jdbc(), Page.request(0, Page.MAX_SIZE)).items();
    }

    /** The entries of the user's invitations, newest first. */
    private List<AuditEntry> invitationEntries(User user) {
        List<String> ids = databases.of(c.company.id()).jdbc().sql("SELECT id FROM invitations WHERE user_id = :user")
                .param("user", user.id().toString()).query(String.class).list();
        return trail().stream().filter(e -> e.entityType().equals("invitation") && ids.contains(e.entityId())).toList();
    }
}
