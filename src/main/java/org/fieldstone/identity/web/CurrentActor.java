package org.fieldstone.identity.web;

import java.util.List;
import org.fieldstone.identity.SignedIn;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Unauthenticated;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Gives a controller the acting {@link Actor} as a plain handler parameter, taken from the authenticated
 * principal ({@link SignedIn}, a session or an API key). Feature modules thus need nothing of identity to know who
 * acts. A handler reached without a principal fails closed with {@link Unauthenticated} (401) rather than
 * receiving {@code null}; the security chains already refuse such requests before any controller runs.
 */
@Configuration(proxyBeanMethods = false)
class CurrentActor implements WebMvcConfigurer, HandlerMethodArgumentResolver {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Actor.class;
    }

    @Override
    public Actor resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                 NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        return signedIn().actor();
    }

    /** The principal of the current request; refuses when nobody is signed in. */
    static SignedIn signedIn() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof SignedIn me) {
            return me;
        }
        throw new Unauthenticated(Message.of("identity.refused.sign-in-first"));
    }
}
