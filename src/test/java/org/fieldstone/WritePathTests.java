package org.fieldstone;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldstone.support.rogue.RogueRepository;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one write path cannot be forgotten (SPEC §3.4): outside it, no class executes a writing statement.
 * The writers allowed besides {@code RecordStore}'s implementation are named one class at a time, each with its
 * reason: unversioned bookkeeping (counters, anchors, last-seen and last-used stamps), the audit trail itself, the
 * control plane (which has no company database) and identity's security state that is not a business record.
 * A nested class or lambda of an allowed class is judged as that class; anything else writes only through
 * {@code org.fieldstone.tenancy.RecordStore}. See docs/decisions/0010 and 0027.
 */
class WritePathTests {

    /** Fully qualified class name → why it may write outside the write path. */
    static final Map<String, String> ALLOWED_WRITERS = allowed(
            "org.fieldstone.tenancy.internal.JdbcRecordStore", "the write path itself",
            "org.fieldstone.tenancy.internal.OutboxRows", "the outbox's bookkeeping: publications written, delivered, retried",
            "org.fieldstone.tenancy.internal.RecordNumbers", "the gap-free human-number counters, taken inside the write path's insert",
            "org.fieldstone.tenancy.internal.SearchTokens", "blind-indexed word tokens the write path keeps current",
            "org.fieldstone.tenancy.internal.KeyRotation", "re-encrypts sealed columns in place: the values, and so the versions, stay",
            "org.fieldstone.tenancy.internal.Migrations", "reads and records the schema history (Flyway's own table)",
            "org.fieldstone.tenancy.internal.CompanyRegistry", "the control plane's company rows (no company database to audit in)",
            "org.fieldstone.tenancy.internal.ControlPlaneAnchors", "the control plane's copy of each company's audit chain head",
            "org.fieldstone.tenancy.internal.ControlPlaneKeysets", "the control plane's sealed keysets of each company",
            "org.fieldstone.tenancy.internal.ControlPlaneTokens", "the control plane's index from a share-link token's hash to its company",
            "org.fieldstone.tenancy.internal.Tombstones", "the control plane's record of a destroyed company",
            "org.fieldstone.tenancy.internal.PlatformSecrets", "platform secrets in the control plane, which has no company database",
            "org.fieldstone.tenancy.internal.PostgresServer", "DDL of provisioning and destruction: creates and drops company databases",
            "org.fieldstone.tenancy.internal.SqliteServer", "VACUUM after a company's destruction, so no sealed keyset stays in the file",
            "org.fieldstone.audit.internal.JdbcAuditTrail", "the append-only audit trail and its chain head",
            "org.fieldstone.audit.internal.AuditKeys", "the audit trail's per-company keys",
            "org.fieldstone.audit.internal.HashChainMigration", "chains the audit entries written before the hash chain",
            "org.fieldstone.identity.internal.SessionStore", "sessions: created, touched on every request (last seen), ended",
            "org.fieldstone.portal.internal.PortalSessions", "customer portal sessions: made by a link's exchange (audited there), touched, ended",
            "org.fieldstone.identity.internal.Challenges", "short-lived sign-in challenges between password and second factor",
            "org.fieldstone.identity.internal.RecoveryCodes", "hashes of one-time MFA recovery codes, used up on sign-in",
            "org.fieldstone.identity.internal.UserMfa", "a user's MFA secret, sealed; enrolment and removal are audited by MfaService",
            "org.fieldstone.sms.internal.SmsUsage", "SMS segments sent per month against the cap: an unversioned counter, reserved before each send",
            "org.fieldstone.identity.internal.ApiKeyUse", "an API key's last use, written on every API request: not versioned, not audited",
            "org.fieldstone.identity.oauth.OAuthBookkeeping", "OAuth requests pending consent, codes and tokens (hashes), rotation: grants and revocations are audited by Grants",
            "org.fieldstone.notifications.internal.NotificationRows", "the delivery log: notifications queued idempotently by key, claimed by a conditional UPDATE, moved on by the dispatcher (opt-outs, choices and templates go through the write path)",
            "org.fieldstone.identity.internal.UserPasswords", "a user's own password, set by the user whatever their role; audited by AccountService",
            "org.fieldstone.ops.status.IncidentRecords", "the status page's incidents and breach records in the control plane, which has no company database",
            "org.fieldstone.ops.status.StatusSubscribers", "status-page email subscribers in the control plane (no company data)",
            "org.fieldstone.identity.internal.OperatorAccounts", "operator accounts, their sessions and the grant directory in the control plane (no company database to audit in; logged)",
            "org.fieldstone.identity.internal.SupportGrants", "the owner's support grants: security state, audited with each grant and revocation",
            "org.fieldstone.identity.internal.LoginThrottle", "failed sign-ins and lockouts shared by the nodes, in the control plane (security state, no business record)",
            "org.fieldstone.ops.monitoring.AlertEpisodes", "the operator's open alerts in the control plane (no company data)",
            "org.fieldstone.tenancy.internal.DatabaseSnapshots", "backups taken and restored whole (a restore is audited as one entry by ops.backup)");

    static final DescribedPredicate<JavaCall<?>> WRITES = DescribedPredicate.or(
            target(owner(JavaClass.Predicates.assignableTo(JdbcClient.StatementSpec.class)))
                    .and(target(nameMatching("update"))),
            target(owner(JavaClass.Predicates.assignableTo(JdbcOperations.class)))
                    .and(target(nameMatching("update|batchUpdate|execute"))),
            target(owner(JavaClass.Predicates.assignableTo(NamedParameterJdbcOperations.class)))
                    .and(target(nameMatching("update|batchUpdate|execute"))),
            target(owner(JavaClass.Predicates.assignableTo(Statement.class)))
                    .and(target(nameMatching("execute.*|addBatch"))))
            .as("execute a writing statement");

    static final ArchRule ONLY_THE_WRITE_PATH_WRITES = onlyTheseWrite(ALLOWED_WRITERS.keySet());

    /** No class writes but the named ones; a nested, anonymous or lambda class counts as its top-level class. */
    static ArchRule onlyTheseWrite(Set<String> writers) {
        DescribedPredicate<JavaClass> named = DescribedPredicate.describe("a named writer",
                c -> writers.contains(topLevel(c.getName())));
        return noClasses()
                .that(DescribedPredicate.not(named))
                .should().callMethodWhere(WRITES)
                .because("business records are written only through org.fieldstone.tenancy.RecordStore (SPEC §3.4)")
                .allowEmptyShould(true);
    }

    @Test
    void nothingOutsideTheWritePathWritesATable() {
        ONLY_THE_WRITE_PATH_WRITES.check(production());
    }

    @Test
    void everyNamedWriterIsARealClassThatStillWrites() {
        JavaClasses production = production();
        List<String> stale = new ArrayList<>();
        for (String name : ALLOWED_WRITERS.keySet()) {
            if (!production.contain(name)) {
                stale.add(name + " (no such class)");
            } else if (production.stream().filter(c -> topLevel(c.getName()).equals(name))
                    .flatMap(c -> c.getMethodCallsFromSelf().stream()).noneMatch(WRITES::test)) {
                stale.add(name + " (writes nothing: take it off the list)");
            }
        }
        assertThat(stale).as("named writers that are not (or no longer) writers").isEmpty();
    }

    @Test
    void theRuleCatchesAClassThatWritesBehindTheWritePathsBack() {
        EvaluationResult result = ONLY_THE_WRITE_PATH_WRITES.evaluate(rogue());
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString())
                .contains("RogueRepository.sneak(")
                .contains("RogueRepository.sneakLater(") // ArchUnit books a lambda's calls to the method that holds it
                .contains("RogueRepository$Accomplice.sneak(");
    }

    @Test
    void aNestedClassOrLambdaOfANamedWriterIsJudgedAsTheWriterItself() {
        EvaluationResult result = onlyTheseWrite(Set.of(RogueRepository.class.getName())).evaluate(rogue());
        assertThat(result.hasViolation()).as(result.getFailureReport().toString()).isFalse();
    }

    private static JavaClasses production() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.fieldstone");
    }

    private static JavaClasses rogue() {
        return new ClassFileImporter().importClasses(RogueRepository.class, RogueRepository.Accomplice.class);
    }

    private static String topLevel(String className) {
        int nested = className.indexOf('$');
        return nested < 0 ? className : className.substring(0, nested);
    }

    private static Map<String, String> allowed(String... nameThenReason) {
        Map<String, String> writers = new LinkedHashMap<>();
        for (int i = 0; i < nameThenReason.length; i += 2) {
            if (writers.put(nameThenReason[i], nameThenReason[i + 1]) != null) {
                throw new IllegalArgumentException(nameThenReason[i] + " named twice");
            }
        }
        return Map.copyOf(writers);
    }
}
