package org.fieldstone;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.sql.Statement;
import org.fieldstone.support.rogue.RogueRepository;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one write path cannot be forgotten (SPEC §3.4): outside it, no class executes a writing statement.
 * Allowed writers: the write path and the control plane (tenancy), the audit trail itself (audit), and
 * identity's security records — users, sessions, API keys, invitations — whose services audit every change
 * in the same transaction. Any domain module (clients, jobs, quotes …) writes only through RecordStore.
 */
class WritePathTests {

    static final String[] ALLOWED_WRITERS = {"org.fieldstone.tenancy..", "org.fieldstone.audit..", "org.fieldstone.identity.internal.."};

    static final DescribedPredicate<JavaCall<?>> WRITES = DescribedPredicate.or(
            target(owner(com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo(JdbcClient.StatementSpec.class)))
                    .and(target(nameMatching("update"))),
            target(owner(com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo(JdbcOperations.class)))
                    .and(target(nameMatching("update|batchUpdate|execute"))),
            target(owner(com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo(NamedParameterJdbcOperations.class)))
                    .and(target(nameMatching("update|batchUpdate|execute"))),
            target(owner(com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo(Statement.class)))
                    .and(target(nameMatching("execute.*|addBatch"))))
            .as("execute a writing statement");

    static final ArchRule ONLY_THE_WRITE_PATH_WRITES = noClasses()
            .that().resideOutsideOfPackages(ALLOWED_WRITERS)
            .should().callMethodWhere(WRITES)
            .because("business records are written only through org.fieldstone.tenancy.RecordStore (SPEC §3.4)");

    @Test
    void nothingOutsideTheWritePathWritesATable() {
        JavaClasses production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.fieldstone");
        ONLY_THE_WRITE_PATH_WRITES.check(production);
    }

    @Test
    void theRuleCatchesAClassThatWritesBehindTheWritePathsBack() {
        JavaClasses rogue = new ClassFileImporter().importClasses(RogueRepository.class);
        EvaluationResult result = ONLY_THE_WRITE_PATH_WRITES.evaluate(rogue);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("RogueRepository.sneak");
    }
}
