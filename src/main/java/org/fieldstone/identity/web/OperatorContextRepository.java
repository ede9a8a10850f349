package org.fieldstone.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import org.fieldstone.identity.Operators;
import org.fieldstone.identity.internal.CookieSessionContexts;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;

/**
 * Loads the signed-in operator of a request to {@code /operator/…} from the operator session cookie
 * ({@link Operators#COOKIE}); a company's dashboard session counts for nothing here.
 */
final class OperatorContextRepository extends CookieSessionContexts {

    static final String ROLE = "OPERATOR";

    private final Operators operators;

    OperatorContextRepository(Operators operators) {
        this.operators = operators;
    }

    @Override
    protected SecurityContext load(HttpServletRequest request) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        SessionCookieContextRepository.cookie(request, Operators.COOKIE).flatMap(operators::resolve)
                .ifPresent(o -> context.setAuthentication(new PreAuthenticatedAuthenticationToken(o, null,
                        AuthorityUtils.createAuthorityList("ROLE_" + ROLE))));
        return context;
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
        return SessionCookieContextRepository.cookie(request, Operators.COOKIE).isPresent();
    }
}
