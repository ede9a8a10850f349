package org.fieldstone.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.shared.Actor;

/**
 * Support access: the only way a platform operator reads or changes a company's data. The company's owner grants it
 * (Settings → Security) to one named operator account, for {@link #SHORTEST} to {@link #LONGEST}, read-only or
 * read-write, and may revoke it; the grant ends by itself. Under a grant the operator acts as a support actor
 * ({@link SignedIn#supportCeiling}), audited in the company's trail with channel {@code support} and their email.
 * Every request checks the grant in the company's database, so revocation or expiry counts at the next request.
 */
public interface SupportAccess {

    Duration SHORTEST = Duration.ofHours(1);
    Duration LONGEST = Duration.ofDays(7);

    enum Access {
        READ_ONLY, READ_WRITE;

        /** The role a grant of this access acts with (narrowed further by {@link SignedIn#supportCeiling}). */
        public org.fieldstone.shared.Role role() {
            return this == READ_ONLY ? org.fieldstone.shared.Role.READ_ONLY : org.fieldstone.shared.Role.ADMIN;
        }

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        /** {@code read-only} or {@code read-write} (any case, {@code _} for {@code -}); anything else is bad input. */
        public static Access parse(String text) {
            if (text != null) {
                for (Access a : values()) {
                    if (a.code().equalsIgnoreCase(text.strip().replace('_', '-'))) {
                        return a;
                    }
                }
            }
            throw new org.fieldstone.shared.InvalidInput("access",
                    org.fieldstone.shared.Message.of("identity.refused.support-access"));
        }
    }

    /**
     * Grants support access (owners only, {@code security:manage}; never under a support grant). Audited.
     *
     * @throws org.fieldstone.shared.InvalidInput no operator with that email ({@code operator}), a length outside
     *                                            1 hour–7 days ({@code hours})
     */
    Grant grant(Actor owner, String operatorEmail, Duration length, Access access);

    /** The company's grants, newest first, with their state (owners only). */
    List<Grant> list(Actor owner);

    /** Ends a grant now (owners only); audited. An unknown or already ended grant is not found. */
    void revoke(Actor owner, String grantId);

    /** What operators did in the company under support grants, newest first, from its audit trail (owners only). */
    List<AuditEntry> activity(Actor owner, int limit);

    /** The companies whose grant to this operator is in force now, for the operator's home. */
    List<GrantedCompany> grantedTo(Operators.SignedInOperator operator);

    /**
     * Enters a company under the grant in force for this operator: later requests to the company's pages act as the
     * support actor. Audited in the company's trail.
     *
     * @throws org.fieldstone.shared.NotFound no such active company, or no grant in force for this operator (the same
     *                                        answer: nothing tells which)
     */
    void enter(Operators.SignedInOperator operator, String companySlug, String ip, String userAgent);

    /** Leaves the entered company (the operator session stays). */
    void leave(Operators.SignedInOperator operator);

    /**
     * The support actor for a request to {@code companySlug} with an operator session cookie: only if the operator
     * entered this company and a grant to them is in force now.
     */
    Optional<SignedIn> resolve(String operatorCookie, String companySlug, String ip, String userAgent);

    enum State { SCHEDULED, ACTIVE, EXPIRED, REVOKED }

    record Grant(String id, String operatorId, String operatorEmail, Access access, Instant from, Instant until,
                 String grantedBy, Instant revokedAt, String revokedBy, State state) {
    }

    record GrantedCompany(String slug, String name, Access access, Instant until) {
    }
}
